using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Okr.Api.Domain;
using Okr.Api.Infrastructure.Http;
using Okr.Api.Infrastructure.Persistence;
using static Okr.Api.Features.Scim.ScimProtocol;

namespace Okr.Api.Features.Scim;

/// <summary>A group as the directory describes it: its name and who is in it.</summary>
public sealed class ScimGroupState
{
    public string? DisplayName { get; set; }
    public HashSet<Guid> Members { get; set; } = [];
}

/// <summary>
/// SCIM Groups are Okr's teams (RFC 7643 §4.2): every active team but the company itself, members being its people.
/// A group the directory creates becomes a team directly under the company; people it adds join as members (a lead
/// stays a lead while the directory keeps them in the group).
/// </summary>
public sealed partial class ScimGroups(OkrDbContext db, IHttpContextAccessor http)
{
    private string BaseUrl => BaseUrlOf(http.HttpContext?.Request);

    public IQueryable<Team> Teams => db.Teams.Where(t => t.ParentId != null && !t.Archived);

    public async Task<Team> FindAsync(Guid id, CancellationToken ct) =>
        await Teams.Include(t => t.Memberships).SingleOrDefaultAsync(t => t.Id == id, ct) ?? throw ScimException.NotFound("Group", id.ToString());

    /// <summary>The resources of <paramref name="teams"/> (memberships loaded), with member names unless <paramref name="withMembers"/> is false.</summary>
    public async Task<List<JsonObject>> RenderAsync(IReadOnlyList<Team> teams, bool withMembers, CancellationToken ct)
    {
        var ids = teams.SelectMany(t => t.Memberships.Select(m => m.UserId)).Distinct().ToList();
        var names = withMembers && ids.Count > 0
            ? await db.Users.Where(u => ids.Contains(u.Id) && u.DeprovisionedAt == null).Select(u => new { u.Id, u.DisplayName }).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct)
            : [];
        return [.. teams.Select(team =>
        {
            var resource = new JsonObject
            {
                ["schemas"] = new JsonArray(GroupSchema),
                ["id"] = team.Id.ToString(),
                ["displayName"] = team.Name,
                ["meta"] = Meta(BaseUrl, "Group", team.Id, team.CreatedAt, team.ModifiedAt, team.Version),
            };
            if (withMembers)
            {
                resource["members"] = new JsonArray([.. team.Memberships.Where(m => names.ContainsKey(m.UserId)).OrderBy(m => names[m.UserId], StringComparer.Ordinal)
                    .Select(m => (JsonNode)new JsonObject { ["value"] = m.UserId.ToString(), ["display"] = names[m.UserId], ["$ref"] = $"{BaseUrl}/Users/{m.UserId}" })]);
            }

            return resource;
        })];
    }

    public static ScimGroupState FromResource(JsonObject body)
    {
        var state = new ScimGroupState();
        foreach (var (key, value) in body)
        {
            switch (key.ToLowerInvariant())
            {
                case "schemas" or "id" or "meta" or "externalid": break;
                case "displayname": state.DisplayName = String(value, "displayName"); break;
                case "members": state.Members = [.. MembersOf(value)]; break;
                default: throw ScimException.InvalidPath($"'{key}' is not an attribute of Group that Okr knows.");
            }
        }

        return state;
    }

    [GeneratedRegex("""^members\[\s*value\s+eq\s+"([^"]+)"\s*\]$""", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex MemberPath();

    /// <summary>
    /// PATCH operations as Okta and Entra send them: replace displayName (with or without a path), add members, remove
    /// <c>members[value eq "id"]</c>, remove members listed in the value, replace members with a new list.
    /// </summary>
    public static void Patch(ScimGroupState state, IEnumerable<(string Op, string? Path, JsonNode? Value)> operations)
    {
        foreach (var (op, path, value) in operations)
        {
            if (path is null)
            {
                if (value is not JsonObject attributes) throw ScimException.InvalidSyntax("An operation without 'path' carries an object of attributes in 'value'.");
                foreach (var (key, inner) in attributes)
                {
                    switch (key.ToLowerInvariant())
                    {
                        case "id" or "externalid": break;
                        case "displayname": state.DisplayName = String(inner, "displayName"); break;
                        case "members" when op == "add": state.Members.UnionWith(MembersOf(inner)); break;
                        case "members": state.Members = [.. MembersOf(inner)]; break;
                        default: throw ScimException.InvalidPath($"'{key}' is not an attribute of Group that Okr knows.");
                    }
                }

                continue;
            }

            if (MemberPath().Match(path) is { Success: true } one)
            {
                if (op != "remove") throw ScimException.InvalidPath("Only remove takes a filtered members path; add members with path 'members'.");
                state.Members.Remove(Member(one.Groups[1].Value));
                continue;
            }

            switch (path.ToLowerInvariant())
            {
                case "displayname" when op == "remove": throw new ScimException(400, "mutability", "A group keeps its displayName.");
                case "displayname": state.DisplayName = String(value, "displayName"); break;
                case "externalid": break;
                case "members" when op == "add": state.Members.UnionWith(MembersOf(value)); break;
                case "members" when op == "remove" && value is null: state.Members.Clear(); break;
                case "members" when op == "remove": state.Members.ExceptWith(MembersOf(value)); break;
                case "members": state.Members = [.. MembersOf(value)]; break;
                default: throw ScimException.InvalidPath($"'{path}' is not an attribute of Group that Okr knows.");
            }
        }
    }

    private static IEnumerable<Guid> MembersOf(JsonNode? value) => value switch
    {
        null => [],
        JsonArray members => members.Select(m => m is JsonObject member ? Member(String(Get(member, "value"), "members.value")) : throw ScimException.InvalidValue("Each member is an object with a 'value'.")),
        JsonObject member => [Member(String(Get(member, "value"), "members.value"))],
        _ => throw ScimException.InvalidValue("'members' is a list of objects with a 'value'."),
    };

    private static Guid Member(string? id) =>
        Guid.TryParse(id, out var userId) ? userId : throw ScimException.InvalidValue($"The member '{id}' is not the id of a User here.");

    /// <summary>Writes the name and the membership, checking the name as Okr's own team endpoints do and that every member is a provisioned person.</summary>
    public async Task SaveAsync(Team team, ScimGroupState state, CancellationToken ct)
    {
        var name = state.DisplayName?.Trim() ?? "";
        if (name.Length is 0 or > Limits.Name || !TextRules.IsSafeLine(name))
        {
            throw ScimException.InvalidValue($"'displayName' is 1 to {Limits.Name} characters, without invisible or direction-changing characters.");
        }

        if (!string.Equals(name, team.Name, StringComparison.Ordinal) && await Teams.AnyAsync(t => t.Id != team.Id && t.Name == name, ct))
        {
            throw ScimException.Uniqueness($"A team named '{name}' already exists: find it with filter=displayName eq \"{name}\".");
        }

        var wanted = state.Members.ToList();
        var known = await db.Users.Where(u => wanted.Contains(u.Id) && u.DeprovisionedAt == null).Select(u => u.Id).ToListAsync(ct);
        if (wanted.Except(known).ToList() is [var unknown, ..]) throw ScimException.InvalidValue($"The member '{unknown}' is not a User here.");

        team.Name = name;
        // People the directory deleted keep their place in Okr's history; the directory neither sees nor moves them.
        var deleted = (await ProvisionedOutAsync(team, ct)).ToHashSet();
        team.Memberships.RemoveAll(m => !deleted.Contains(m.UserId) && !state.Members.Contains(m.UserId));
        foreach (var userId in state.Members.Where(id => team.Memberships.All(m => m.UserId != id)))
        {
            team.Memberships.Add(new TeamMembership { TeamId = team.Id, UserId = userId, Role = TeamRole.Member });
        }

        await db.SaveChangesAsync(ct);
    }

    /// <summary>Members of the team the directory deleted (deprovisioned people).</summary>
    public async Task<List<Guid>> ProvisionedOutAsync(Team team, CancellationToken ct)
    {
        var ids = team.Memberships.Select(m => m.UserId).ToList();
        return ids.Count == 0 ? [] : await db.Users.Where(u => ids.Contains(u.Id) && u.DeprovisionedAt != null).Select(u => u.Id).ToListAsync(ct);
    }

    /// <summary>A slug no other team has: the name in lower-case letters and digits joined by dashes ("Customer Success" → customer-success, then -2, -3…).</summary>
    public async Task<string> SlugForAsync(string name, CancellationToken ct)
    {
        var text = new StringBuilder();
        foreach (var c in name.Normalize(NormalizationForm.FormD).ToLowerInvariant())
        {
            if (c is >= 'a' and <= 'z' or >= '0' and <= '9') text.Append(c);
            else if (char.GetUnicodeCategory(c) != System.Globalization.UnicodeCategory.NonSpacingMark && text.Length > 0 && text[^1] != '-') text.Append('-');
        }

        var stem = text.ToString().Trim('-');
        if (stem.Length == 0) stem = "team";
        if (stem.Length > Limits.Slug - 6) stem = stem[..(Limits.Slug - 6)].TrimEnd('-');
        var taken = (await db.Teams.Where(t => t.Slug == stem || t.Slug.StartsWith(stem + "-")).Select(t => t.Slug).ToListAsync(ct)).ToHashSet();
        var slug = stem;
        for (var i = 2; taken.Contains(slug); i++) slug = $"{stem}-{i}";
        return slug;
    }
}
