using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Okr.Api.Domain;
using Okr.Api.Features.CheckIns;
using Okr.Api.Features.KeyResults;
using Okr.Api.Features.Objectives;
using Okr.Api.Features.Periods;
using Okr.Api.Features.Teams;
using Okr.Api.Features.Users;
using Okr.Api.Infrastructure.Auth;
using Okr.Api.Infrastructure.Persistence;

namespace Okr.Api.Features.Events;

/// <summary>
/// Reads an event's data: the resource as GET shows it, through the same readers the endpoints use, as an admin sees it
/// and without <c>permissions</c> (which belong to a caller, not to the resource). One query per kind of resource.
/// </summary>
public sealed class EventSnapshots(OkrDbContext db, TimeProvider clock, JsonSerializerOptions json)
{
    /// <summary>Reads events' data with every right an admin has (drafts, emails), and nobody's own.</summary>
    private sealed class EventReader : ICurrentUser
    {
        public Guid Id => Guid.Empty;
        public bool IsClient => false;
        public OrgRole Role => OrgRole.Admin;
        public ClientScope? Scope => null;
    }

    private static readonly ICurrentUser Reader = new EventReader();

    public async Task<Dictionary<Guid, JsonObject>> ObjectivesAsync(IReadOnlyCollection<Guid> ids, CancellationToken ct)
    {
        if (ids.Count == 0) return [];
        var reader = new ObjectiveReader(db, new AccessPolicy(Reader, db), clock);
        return (await reader.ManyAsync(ids, ct)).ToDictionary(o => o.Id, o => Node(o));
    }

    public async Task<Dictionary<Guid, KeyResultDto>> KeyResultsAsync(IReadOnlyCollection<Guid> ids, CancellationToken ct)
    {
        if (ids.Count == 0) return [];
        var rights = new CallerRights(Reader, []);
        return (await KeyResultQueries.ManyAsync(db, rights, ids, clock.GetUtcNow(), ct)).ToDictionary(k => k.Id);
    }

    public async Task<Dictionary<Guid, JsonObject>> CheckInsAsync(IReadOnlyCollection<Guid> ids, CancellationToken ct) =>
        ids.Count == 0 ? [] : (await db.CheckIns.Where(c => ids.Contains(c.Id)).ProjectToDto().ToListAsync(ct)).ToDictionary(c => c.Id, c => Node(c));

    public async Task<Dictionary<Guid, JsonObject>> PeriodsAsync(IReadOnlyCollection<Guid> ids, CancellationToken ct) =>
        ids.Count == 0 ? [] : (await db.Periods.Where(p => ids.Contains(p.Id)).ProjectToDto().ToListAsync(ct)).ToDictionary(p => p.Id, p => Node(p));

    public async Task<Dictionary<Guid, JsonObject>> TeamsAsync(IReadOnlyCollection<Guid> ids, CancellationToken ct)
    {
        if (ids.Count == 0) return [];
        var rights = new CallerRights(Reader, []);
        return (await db.Teams.Where(t => ids.Contains(t.Id)).ProjectToRow().ToListAsync(ct)).ToDictionary(t => t.Id, t => Node(t.ToDto(rights)));
    }

    public async Task<Dictionary<Guid, JsonObject>> UsersAsync(IReadOnlyCollection<Guid> ids, CancellationToken ct) =>
        ids.Count == 0 ? [] : (await db.Users.Where(u => ids.Contains(u.Id)).ProjectToDto().ToListAsync(ct)).ToDictionary(u => u.Id, u => Node(u));

    /// <summary>A membership: the team, the person and their role.</summary>
    public async Task<Dictionary<(Guid Team, Guid User), JsonObject>> MembersAsync(IReadOnlyCollection<(Guid Team, Guid User)> keys, CancellationToken ct)
    {
        if (keys.Count == 0) return [];
        var users = keys.Select(k => k.User).Distinct().ToArray();
        var teams = keys.Select(k => k.Team).Distinct().ToArray();
        var rows = await (from m in db.TeamMemberships
                          join u in db.Users on m.UserId equals u.Id
                          where teams.Contains(m.TeamId) && users.Contains(m.UserId)
                          select new TeamMemberEventData(m.TeamId, u.Id, u.DisplayName, m.Role)).ToListAsync(ct);
        return rows.Where(r => keys.Contains((r.TeamId, r.UserId))).ToDictionary(r => (r.TeamId, r.UserId), r => Node(r));
    }

    /// <summary>A held conversation: who, when and its title; never its notes, agenda or action items.</summary>
    public async Task<Dictionary<Guid, (JsonObject Data, Guid Employee, Guid Manager)>> ConversationsAsync(IReadOnlyCollection<Guid> ids, CancellationToken ct)
    {
        if (ids.Count == 0) return [];
        var rows = await db.Conversations.Where(c => ids.Contains(c.Id))
            .Select(c => new ConversationHeldData(c.Id, c.EmployeeId, c.ManagerId, c.Title, c.ScheduledAt, c.HeldAt, c.Version)).ToListAsync(ct);
        return rows.ToDictionary(r => r.Id, r => (Node(r), r.EmployeeId, r.ManagerId));
    }

    /// <summary>A comment as its thread shows it (mentions as ids), without the caller's permissions.</summary>
    public async Task<Dictionary<Guid, JsonObject>> CommentsAsync(IReadOnlyCollection<Guid> ids, CancellationToken ct)
    {
        if (ids.Count == 0) return [];
        var rows = await db.Comments.Where(c => ids.Contains(c.Id))
            .Select(c => new CommentEventData(c.Id, c.ObjectiveId, c.KeyResultId, c.AuthorId, c.Text, c.Mentions, c.CreatedAt, c.EditedAt, c.Version)).ToListAsync(ct);
        return rows.ToDictionary(r => r.Id, r => Node(r));
    }

    public JsonObject Node<T>(T value)
    {
        var node = JsonSerializer.SerializeToNode(value, json)!.AsObject();
        Strip(node);
        return node;
    }

    /// <summary>Permissions are the caller's: they say nothing in an event, at any depth (an objective's key results carry them too).</summary>
    private static void Strip(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                o.Remove("permissions");
                foreach (var (_, child) in o) Strip(child);
                break;
            case JsonArray a:
                foreach (var child in a) Strip(child);
                break;
        }
    }
}

/// <summary>A comment, as comment.* events carry it.</summary>
/// <param name="Id">The comment.</param>
/// <param name="ObjectiveId">Its objective (whose visibility it has).</param>
/// <param name="KeyResultId">Its key result, on a key result's thread.</param>
/// <param name="AuthorId">Who wrote it.</param>
/// <param name="Text">What it says (plain text).</param>
/// <param name="Mentions">The people it mentions.</param>
/// <param name="CreatedAt">When it was written.</param>
/// <param name="EditedAt">When its author last changed it.</param>
/// <param name="Version">Its version (ETag).</param>
public sealed record CommentEventData(Guid Id, Guid ObjectiveId, Guid? KeyResultId, Guid AuthorId, string Text, List<Guid> Mentions, DateTimeOffset CreatedAt, DateTimeOffset? EditedAt, uint Version);

/// <summary>A team's membership, as team.member_* events carry it.</summary>
/// <param name="TeamId">The team.</param>
/// <param name="UserId">The person.</param>
/// <param name="DisplayName">Their name.</param>
/// <param name="Role">lead or member.</param>
public sealed record TeamMemberEventData(Guid TeamId, Guid UserId, string DisplayName, TeamRole Role);

/// <summary>A performance conversation that took place, as <c>conversation.held</c> carries it: no notes, agenda or action items.</summary>
/// <param name="Id">The conversation.</param>
/// <param name="EmployeeId">The person whose OKRs were revisited.</param>
/// <param name="ManagerId">Their manager.</param>
/// <param name="Title">Its title.</param>
/// <param name="ScheduledAt">When it was planned.</param>
/// <param name="HeldAt">When it took place.</param>
/// <param name="Version">Its version.</param>
public sealed record ConversationHeldData(Guid Id, Guid EmployeeId, Guid ManagerId, string Title, DateTimeOffset ScheduledAt, DateTimeOffset? HeldAt, uint Version);
