using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Npgsql;
using Okr.Api.Domain;
using Okr.Api.Features.Auth;
using Okr.Api.Infrastructure.Auth;
using Okr.Api.Infrastructure.Http;
using Okr.Api.Infrastructure.Persistence;
using static Okr.Api.Features.Scim.ScimProtocol;

namespace Okr.Api.Features.Scim;

/// <summary>
/// A person as the directory describes them, before it is written: what POST and PUT carry in full, and what PATCH
/// operations change one attribute at a time. Okr keeps userName, the work email (the one Okr signs people in with:
/// userName itself when it is an email address), the display name, active, externalId and the enterprise extension's manager.
/// </summary>
public sealed class ScimUserState
{
    public string? UserName { get; set; }
    public string? Email { get; set; }
    public string? DisplayName { get; set; }
    public string? GivenName { get; set; }
    public string? FamilyName { get; set; }
    public string? Formatted { get; set; }
    /// <summary>Null: not said (a PUT without it keeps the person as they are; a POST makes them active).</summary>
    public bool? Active { get; set; }
    public string? ExternalId { get; set; }
    public Guid? ManagerId { get; set; }

    public static ScimUserState Of(User user) => new()
    {
        UserName = user.ScimUserName ?? user.Email, Email = user.Email, DisplayName = user.DisplayName, Active = user.Active, ExternalId = user.ScimExternalId, ManagerId = user.ManagerId,
    };

    /// <summary>The name people see: displayName, else name.formatted, else given and family name, else the email's local part.</summary>
    public string EffectiveDisplayName()
    {
        var fromParts = string.Join(' ', new[] { GivenName, FamilyName }.Where(p => !string.IsNullOrWhiteSpace(p))).Trim();
        var name = new[] { DisplayName, Formatted, fromParts }.FirstOrDefault(n => !string.IsNullOrWhiteSpace(n))?.Trim();
        return name ?? (UserName is { } email && email.Contains('@') ? email[..email.IndexOf('@')] : UserName ?? "");
    }
}

/// <summary>Reading and writing SCIM User resources over Okr's people (RFC 7643 §4.1, and §4.3's enterprise manager).</summary>
public sealed class ScimUsers(OkrDbContext db, RefreshTokens refresh, Invitations.AccountLinks links, IHttpContextAccessor http, TimeProvider clock, IMemoryCache cache)
{
    private string BaseUrl => BaseUrlOf(http.HttpContext?.Request);

    /// <summary>Core User attributes Okr accepts but does not keep (a directory's default mappings send them), so they change nothing.</summary>
    private static readonly HashSet<string> NotKept = new(StringComparer.OrdinalIgnoreCase)
    {
        "nickName", "profileUrl", "title", "userType", "preferredLanguage", "locale", "timezone", "password", "phoneNumbers",
        "ims", "photos", "addresses", "entitlements", "roles", "x509Certificates", "groups",
        "enterprise:employeeNumber", "enterprise:costCenter", "enterprise:organization", "enterprise:division", "enterprise:department",
    };

    private const string EnterprisePrefix = EnterpriseUserSchema + ":";

    public IQueryable<User> Provisioned => db.Users.Where(u => u.DeprovisionedAt == null);

    public async Task<User> FindAsync(Guid id, CancellationToken ct) =>
        await Provisioned.SingleOrDefaultAsync(u => u.Id == id, ct) ?? throw ScimException.NotFound("User", id.ToString());

    /// <summary>The resources of <paramref name="users"/>, with their teams as read-only <c>groups</c> (one query for all of them).</summary>
    public async Task<List<JsonObject>> RenderAsync(IReadOnlyList<User> users, CancellationToken ct)
    {
        var ids = users.Select(u => u.Id).ToList();
        var groups = (await db.TeamMemberships.Where(m => ids.Contains(m.UserId))
                .Join(db.Teams.Where(t => t.ParentId != null && !t.Archived), m => m.TeamId, t => t.Id, (m, t) => new { m.UserId, t.Id, t.Name })
                .ToListAsync(ct))
            .ToLookup(g => g.UserId);
        return [.. users.Select(u => Render(u, groups[u.Id].Select(g => (g.Id, g.Name))))];
    }

    private JsonObject Render(User user, IEnumerable<(Guid Id, string Name)> teams)
    {
        var resource = new JsonObject
        {
            ["schemas"] = new JsonArray(UserSchema, EnterpriseUserSchema),
            ["id"] = user.Id.ToString(),
            ["externalId"] = user.ScimExternalId,
            ["userName"] = user.ScimUserName ?? user.Email,
            ["displayName"] = user.DisplayName,
            ["name"] = new JsonObject { ["formatted"] = user.DisplayName },
            ["emails"] = new JsonArray(new JsonObject { ["value"] = user.Email, ["type"] = "work", ["primary"] = true }),
            ["active"] = user.Active,
            ["groups"] = new JsonArray([.. teams.Select(t => (JsonNode)new JsonObject { ["value"] = t.Id.ToString(), ["display"] = t.Name, ["$ref"] = $"{BaseUrl}/Groups/{t.Id}" })]),
            [EnterpriseUserSchema] = new JsonObject
            {
                ["manager"] = user.ManagerId is { } manager ? new JsonObject { ["value"] = manager.ToString(), ["$ref"] = $"{BaseUrl}/Users/{manager}" } : null,
            },
            ["meta"] = Meta(BaseUrl, "User", user.Id, user.CreatedAt, user.ModifiedAt, user.Version),
        };
        if (user.ScimExternalId is null) resource.Remove("externalId");
        return resource;
    }

    /// <summary>The state a POST or PUT body describes: every attribute it leaves out is cleared (PUT replaces, RFC 7644 §3.5.1).</summary>
    public static ScimUserState FromResource(JsonObject body)
    {
        var state = new ScimUserState();
        foreach (var (key, value) in body)
        {
            if (key.Equals("schemas", StringComparison.OrdinalIgnoreCase) || key.Equals("id", StringComparison.OrdinalIgnoreCase) || key.Equals("meta", StringComparison.OrdinalIgnoreCase)) continue;
            if (key.Equals(EnterpriseUserSchema, StringComparison.OrdinalIgnoreCase))
            {
                if (value is not JsonObject extension) throw InvalidValueFor(key);
                foreach (var (attribute, inner) in extension) Set(state, "enterprise:" + attribute, inner);
                continue;
            }

            Set(state, key, value);
        }

        return state;
    }

    /// <summary>Applies PATCH operations in order (RFC 7644 §3.5.2); an unknown path is 400 invalidPath, and nothing is written.</summary>
    public static void Patch(ScimUserState state, IEnumerable<(string Op, string? Path, JsonNode? Value)> operations)
    {
        foreach (var (op, path, value) in operations)
        {
            if (path is null)
            {
                // No path: the value is an object of attributes (Entra and Okta also put "name.givenName" style keys in it).
                if (value is not JsonObject attributes) throw ScimException.InvalidSyntax("An operation without 'path' carries an object of attributes in 'value'.");
                foreach (var (key, inner) in attributes)
                {
                    if (key.Equals(EnterpriseUserSchema, StringComparison.OrdinalIgnoreCase) && inner is JsonObject extension)
                    {
                        foreach (var (attribute, innerValue) in extension) Set(state, "enterprise:" + attribute, innerValue);
                    }
                    else
                    {
                        Set(state, PathOf(key), inner);
                    }
                }
            }
            else if (op == "remove")
            {
                Set(state, PathOf(path), null);
            }
            else
            {
                Set(state, PathOf(path), value);
            }
        }
    }

    /// <summary>"urn:…:enterprise:2.0:User:manager" → "enterprise:manager"; "urn:…:core:2.0:User:userName" → "userName".</summary>
    private static string PathOf(string path)
    {
        if (path.StartsWith(EnterprisePrefix, StringComparison.OrdinalIgnoreCase)) return "enterprise:" + path[EnterprisePrefix.Length..];
        if (path.StartsWith(UserSchema + ":", StringComparison.OrdinalIgnoreCase)) return path[(UserSchema.Length + 1)..];
        return path;
    }

    private static ScimException InvalidValueFor(string attribute) => ScimException.InvalidValue($"'{attribute}' has a value of the wrong type.");

    private static void Set(ScimUserState state, string path, JsonNode? value)
    {
        var attribute = path.Split('[', 2)[0];
        switch (path.ToLowerInvariant())
        {
            case "username": state.UserName = String(value, "userName"); return;
            case "displayname": state.DisplayName = String(value, "displayName"); return;
            case "externalid": state.ExternalId = String(value, "externalId"); return;
            case "active": state.Active = value is null ? throw ScimException.InvalidValue("'active' is true or false; it cannot be removed.") : Boolean(value, "active"); return;
            case "name.givenname": state.GivenName = String(value, "name.givenName"); return;
            case "name.familyname": state.FamilyName = String(value, "name.familyName"); return;
            case "name.formatted": state.Formatted = String(value, "name.formatted"); return;
            case "name":
                if (value is null) { state.GivenName = state.FamilyName = state.Formatted = null; return; }
                if (value is not JsonObject name) throw InvalidValueFor("name");
                foreach (var (key, inner) in name)
                {
                    if (key.Equals("givenName", StringComparison.OrdinalIgnoreCase)) state.GivenName = String(inner, "name.givenName");
                    else if (key.Equals("familyName", StringComparison.OrdinalIgnoreCase)) state.FamilyName = String(inner, "name.familyName");
                    else if (key.Equals("formatted", StringComparison.OrdinalIgnoreCase)) state.Formatted = String(inner, "name.formatted");
                    else if (!key.Equals("middleName", StringComparison.OrdinalIgnoreCase) && !key.Equals("honorificPrefix", StringComparison.OrdinalIgnoreCase)
                             && !key.Equals("honorificSuffix", StringComparison.OrdinalIgnoreCase)) throw ScimException.InvalidPath($"'name.{key}' is not an attribute of User.");
                }

                return;
            case "enterprise:manager":
                state.ManagerId = value switch
                {
                    null => null,
                    JsonObject manager => ManagerOf(String(Get(manager, "value"), "manager.value")),
                    JsonArray { Count: 0 } => null,
                    JsonArray { Count: 1 } one when one[0] is JsonObject manager => ManagerOf(String(Get(manager, "value"), "manager.value")),
                    _ => ManagerOf(String(value, "manager")),
                };
                return;
            case "emails":
                state.Email = value switch
                {
                    null => null,
                    JsonArray emails => WorkEmailOf(emails),
                    _ => throw InvalidValueFor("emails"),
                };
                return;
            case "emails[type eq \"work\"].value" or "emails[primary eq true].value" or "emails.value":
                state.Email = String(value, "emails.value");
                return;
            case "enterprise:manager.value": state.ManagerId = ManagerOf(String(value, "manager.value")); return;
        }

        var root = attribute.Split('.', 2)[0];
        if (NotKept.Contains(root) || NotKept.Contains(attribute)) return;
        throw ScimException.InvalidPath($"'{path}' is not an attribute of User that Okr knows.");
    }

    /// <summary>The primary email, else the work one, else the first.</summary>
    private static string? WorkEmailOf(JsonArray emails)
    {
        var entries = emails.OfType<JsonObject>().ToList();
        var chosen = entries.FirstOrDefault(e => Get(e, "primary") is JsonNode primary && Boolean(primary, "emails.primary"))
                     ?? entries.FirstOrDefault(e => string.Equals(String(Get(e, "type"), "emails.type"), "work", StringComparison.OrdinalIgnoreCase))
                     ?? entries.FirstOrDefault();
        return chosen is null ? null : String(Get(chosen, "value"), "emails.value");
    }

    private static Guid? ManagerOf(string? id) =>
        string.IsNullOrWhiteSpace(id) ? null
        : Guid.TryParse(id, out var manager) ? manager
        : throw ScimException.InvalidValue($"The manager '{id}' is not the id of a User here.");

    /// <summary>
    /// Writes the state onto the person (new when <paramref name="user"/> was just created), checking what Okr's own
    /// endpoints check: the email's shape and uniqueness, the name, the manager and their reporting line. A person made
    /// inactive is signed out everywhere at once, as deactivating them in Okr does.
    /// </summary>
    public async Task SaveAsync(User user, ScimUserState state, CancellationToken ct)
    {
        var isNew = db.Entry(user).State == EntityState.Added;
        var userName = state.UserName?.Trim().ToLowerInvariant();
        if (string.IsNullOrEmpty(userName) || userName.Length > Limits.ScimExternalId || !TextRules.IsSafeLine(userName))
        {
            throw ScimException.InvalidValue($"'userName' is required: 1 to {Limits.ScimExternalId} characters.");
        }

        var email = EmailOf(state);
        if (email is null || email.Length > Limits.Email || !User.IsEmailAddress(email))
        {
            throw ScimException.InvalidValue("Okr signs people in by email: 'userName' is an email address, or 'emails' holds a work email.");
        }

        // Kept lower-case: userName is case-insensitive (RFC 7643 §4.1.1), and so are its uniqueness and its filter.
        var scimUserName = userName == email ? null : userName;
        if (scimUserName is not null && scimUserName != user.ScimUserName
            && await db.Users.AnyAsync(u => u.Id != user.Id && (u.ScimUserName == scimUserName || u.Email == scimUserName), ct))
        {
            throw ScimException.Uniqueness("Another person already has this userName.");
        }

        var displayName = state.EffectiveDisplayName();
        if (displayName.Length is 0 or > Limits.Name || !TextRules.IsSafeLine(displayName))
        {
            throw ScimException.InvalidValue($"'displayName' is 1 to {Limits.Name} characters, without invisible or direction-changing characters.");
        }

        if (state.ExternalId is { } externalId && (externalId.Length > Limits.ScimExternalId || !TextRules.IsSafeLine(externalId)))
        {
            throw ScimException.InvalidValue($"'externalId' is at most {Limits.ScimExternalId} characters, without invisible or direction-changing characters.");
        }

        if (email != user.Email && await db.Users.AnyAsync(u => u.Email == email && u.Id != user.Id, ct))
        {
            throw ScimException.Uniqueness("Another person already has this userName (email).");
        }

        if (state.ManagerId is { } managerId && managerId != user.ManagerId)
        {
            if (!await Provisioned.AnyAsync(u => u.Id == managerId, ct)) throw ScimException.InvalidValue($"The manager '{managerId}' is not a User here.");
            var lines = await db.Users.Select(u => new { u.Id, u.ManagerId }).ToDictionaryAsync(u => u.Id, u => u.ManagerId, ct);
            if (User.ReportingLineProblem(user.Id, managerId, lines) is { } problem) throw ScimException.InvalidValue(problem);
        }

        var active = state.Active ?? (isNew || user.Active);
        var externalIdToKeep = string.IsNullOrWhiteSpace(state.ExternalId) ? null : state.ExternalId;
        var changes = email != user.Email || scimUserName != user.ScimUserName || displayName != user.DisplayName || externalIdToKeep != user.ScimExternalId
                      || state.ManagerId != user.ManagerId || active != user.Active;
        if (!isNew && changes && user.Role == OrgRole.Admin)
        {
            // As everywhere in Okr: an API client never changes an admin (else whoever holds the directory's token could
            // point an admin's email at a mailbox of theirs, reset the password and be an admin).
            throw new ScimException(403, null, "This person is an Okr admin: admins are changed in Okr, not by the directory.");
        }

        var deactivated = !isNew && user.Active && !active;
        var emailChanged = !isNew && email != user.Email;
        user.Email = email;
        user.ScimUserName = scimUserName;
        user.DisplayName = displayName;
        user.ScimExternalId = externalIdToKeep;
        user.ManagerId = state.ManagerId;
        user.Active = active;
        // A new email address is a new way in: sessions end, and links sent to the old address stop working.
        if (deactivated || emailChanged) user.EndSessions();
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            throw ScimException.Uniqueness("Another person already has this userName (email).");
        }

        if (deactivated || emailChanged) await EndSessionsAsync(user.Id, ct);
        if (emailChanged)
        {
            await links.RevokeAsync(user.Id, AccountLinkPurpose.Invitation, ct);
            await links.RevokeAsync(user.Id, AccountLinkPurpose.PasswordReset, ct);
        }
    }

    /// <summary>
    /// The address Okr signs the person in with: the primary or work email the directory sent (Entra's userName is the
    /// UPN, which need not be the mailbox single sign-on reports), else userName when it is an email address.
    /// </summary>
    public static string? EmailOf(ScimUserState state) =>
        state.Email is { Length: > 0 } email ? User.NormaliseEmail(email)
        : state.UserName is { } userName && User.IsEmailAddress(userName.Trim()) ? User.NormaliseEmail(userName)
        : null;

    /// <summary>Revokes the person's refresh tokens and forgets their cached session check, so access ends now.</summary>
    public async Task EndSessionsAsync(Guid userId, CancellationToken ct)
    {
        await refresh.RevokeAllAsync(userId, clock.GetUtcNow(), ct);
        SessionValidator.Forget(cache, isClient: false, userId);
    }
}
