using Microsoft.EntityFrameworkCore;
using Okr.Api.Domain;
using Okr.Api.Features.KeyResults;
using Okr.Api.Infrastructure.Errors;
using Okr.Api.Infrastructure.Persistence;

namespace Okr.Api.Infrastructure.Auth;

/// <summary>
/// Who may read and change what, in one place (docs/method.md, "Who may do what"):
/// everyone signed in reads every objective except drafts, which only their owner, the owning team's leads
/// and admins see; a member writes their own individual objectives and checks in on key results they own;
/// a team lead writes the team's objectives and its members' individual objectives and manages the team's
/// membership; admins manage periods, teams, users and API clients; viewers and read-only clients never write;
/// write and import clients write objectives, key results and check-ins; admins and import clients import and export;
/// the directory's scim client provisions people and teams over SCIM and reaches nothing else.
/// The checks below (<c>Ensure…</c>) and the <c>permissions</c> that reads carry both come from <see cref="CallerRights"/>.
/// </summary>
public sealed class AccessPolicy(ICurrentUser user, OkrDbContext db)
{
    private Guid[]? _leadTeams;

    /// <summary>What the caller may do, ready to ask synchronously for every row of a read.</summary>
    public async Task<CallerRights> RightsAsync(CancellationToken ct) => new(user, await LeadTeamsAsync(ct));

    public void EnsureAdmin(string action)
    {
        if (!user.IsAdmin) throw new ForbiddenException($"Only an admin may {action}.");
    }

    /// <summary>Bulk imports and exports: admins, and API clients with the import scope.</summary>
    public void EnsureMayImport()
    {
        if (user.IsAdmin || (user.IsClient && user.Scope == ClientScope.Import)) return;
        throw new ForbiddenException("Imports and exports need an admin, or an API client with the import scope.");
    }

    /// <summary>Provisioning over SCIM: only the directory's API client (scope scim); no person and no other client.</summary>
    public void EnsureDirectory()
    {
        if (user.IsClient && user.Scope == ClientScope.Scim) return;
        throw new ForbiddenException("Provisioning over SCIM needs an API client with the scim scope.");
    }

    public void EnsureMayWrite()
    {
        if (!user.MayWrite)
        {
            throw new ForbiddenException(user.IsClient
                ? "This API client has the read scope: it may not write."
                : "Viewers read OKRs but do not change them.");
        }
    }

    /// <summary>May the caller write an objective owned by <paramref name="teamId"/> / <paramref name="ownerId"/>?</summary>
    public async Task EnsureCanWriteObjectiveAsync(Guid teamId, Guid? ownerId, CancellationToken ct)
    {
        EnsureMayWrite();
        if ((await RightsAsync(ct)).CanWriteObjective(teamId, ownerId)) return;
        throw new ForbiddenException(ownerId is null
            ? "Only a lead of the owning team or an admin may change a team objective."
            : "Only the owner, a lead of the owning team or an admin may change this objective.");
    }

    /// <summary>
    /// The fields a PATCH changes, checked against <see cref="FieldRights"/> for an objective (or a key result's objective)
    /// owned by <paramref name="teamId"/> / <paramref name="ownerId"/>: 403 naming the first field the caller may not change.
    /// </summary>
    public async Task EnsureMayChangeAsync(IReadOnlyDictionary<string, FieldRight> table, IEnumerable<string> changed, Guid teamId, Guid? ownerId, CancellationToken ct)
    {
        EnsureMayWrite();
        var rights = await RightsAsync(ct);
        foreach (var field in changed)
        {
            // A field the table does not list needs the strongest right: a field added later is closed until someone decides.
            var needs = table.TryGetValue(field, out var listed) ? listed : FieldRight.Reassign;
            if (rights.Has(needs, teamId, ownerId)) continue;
            throw new ForbiddenException(needs switch
            {
                FieldRight.Reassign => $"'{field}': giving an objective to another person or team is for the owning team's leads or an admin.",
                _ when table == FieldRights.KeyResult =>
                    $"'{field}': a key result's owner records its progress by checking in; what it measures and how much it counts is decided by whoever may write its objective.",
                _ => $"'{field}': only the owner, a lead of the owning team or an admin may change this objective.",
            });
        }
    }

    /// <summary>Check-ins: whoever may write the objective, and the key result's own owner.</summary>
    public async Task EnsureCanWriteKeyResultAsync(Guid teamId, Guid? objectiveOwnerId, Guid? keyResultOwnerId, CancellationToken ct)
    {
        EnsureMayWrite();
        if ((await RightsAsync(ct)).CanWriteKeyResult(teamId, objectiveOwnerId, keyResultOwnerId)) return;
        await EnsureCanWriteObjectiveAsync(teamId, objectiveOwnerId, ct);
    }

    /// <summary>422 (field <c>periodId</c>) when the period forbids the caller's write: a closed period is read-only for all but admins (<see cref="CycleRules.WriteProblem"/>).</summary>
    public void EnsurePeriodAllowsWrite(PeriodState state)
    {
        if (CycleRules.WriteProblem(state, user.IsAdmin) is { } problem) throw new DomainRuleException("periodId", problem);
    }

    /// <summary>422 (field <c>periodId</c>) when no check-in may be recorded in the period now (<see cref="CycleRules.CheckInProblem"/>).</summary>
    public void EnsurePeriodAllowsCheckIn(PeriodClock period)
    {
        if (CycleRules.CheckInProblem(period.State, period.Start, period.Now, user.IsAdmin) is { } problem) throw new DomainRuleException("periodId", problem);
    }

    /// <summary>Admins and the team's leads manage who is in a team.</summary>
    public async Task EnsureCanManageTeamAsync(Guid teamId, CancellationToken ct)
    {
        EnsureMayWrite();
        if ((await RightsAsync(ct)).CanManageTeam(teamId)) return;
        throw new ForbiddenException("Only the team's leads or an admin may change its members.");
    }

    /// <summary>The objectives the caller may see: drafts only for their owner, the owning team's leads and admins (never API clients).</summary>
    public async Task<IQueryable<Objective>> VisibleAsync(IQueryable<Objective> objectives, CancellationToken ct)
    {
        if (user.IsAdmin) return objectives;
        var me = user.UserId;
        var leads = await LeadTeamsAsync(ct);
        return objectives.Where(o => o.State != ObjectiveState.Draft || (me != null && o.OwnerId == me) || leads.Contains(o.TeamId));
    }

    /// <summary>
    /// The rule of <see cref="VisibleAsync"/> for someone other than the caller (whom to notify, whom a comment may
    /// mention): anything but a draft is read by every person; a draft by its owner, its team's leads and admins.
    /// </summary>
    public static bool MayRead(ObjectiveState state, Guid teamId, Guid? ownerId, Guid personId, bool personIsAdmin, IReadOnlyCollection<Guid> personLeadTeams) =>
        state != ObjectiveState.Draft || personIsAdmin || ownerId == personId || personLeadTeams.Contains(teamId);

    /// <summary>404 (not 403) for a draft the caller may not see, so its existence does not leak.</summary>
    public async Task EnsureVisibleAsync(Guid objectiveId, CancellationToken ct)
    {
        if (!await (await VisibleAsync(db.Objectives, ct)).AnyAsync(o => o.Id == objectiveId, ct))
        {
            throw new NotFoundException("Objective", objectiveId);
        }
    }

    /// <summary>The teams the caller leads (none for API clients); read once per request.</summary>
    public async Task<Guid[]> LeadTeamsAsync(CancellationToken ct)
    {
        if (user.UserId is not { } me) return [];
        return _leadTeams ??= await db.TeamMemberships.Where(m => m.UserId == me && m.Role == TeamRole.Lead).Select(m => m.TeamId).ToArrayAsync(ct);
    }
}

/// <summary>The write rules of <see cref="AccessPolicy"/> for one caller, with the teams they lead already loaded.</summary>
public sealed class CallerRights(ICurrentUser user, IReadOnlyCollection<Guid> leadTeams)
{
    private bool IsMe(Guid? userId) => userId is not null && userId == user.UserId;

    /// <summary>Admins and write clients any objective; leads their team's; a person their own individual objective.</summary>
    public bool CanWriteObjective(Guid teamId, Guid? ownerId) =>
        user.MayWrite && (user.IsAdmin || user.IsClient || IsMe(ownerId) || leadTeams.Contains(teamId));

    /// <summary>Giving an objective to someone else (or to the team): admins, write clients and the team's leads, not the owner alone.</summary>
    public bool CanReassignObjective(Guid teamId) =>
        user.MayWrite && (user.IsAdmin || user.IsClient || leadTeams.Contains(teamId));

    /// <summary>Check-ins on a key result: whoever may write the objective, and the key result's own owner.</summary>
    public bool CanWriteKeyResult(Guid teamId, Guid? objectiveOwnerId, Guid? keyResultOwnerId) =>
        user.MayWrite && (IsMe(keyResultOwnerId) || CanWriteObjective(teamId, objectiveOwnerId));

    /// <summary>Does the caller have <paramref name="needs"/> on an objective of <paramref name="teamId"/> / <paramref name="ownerId"/>?</summary>
    public bool Has(FieldRight needs, Guid teamId, Guid? ownerId) => needs switch
    {
        FieldRight.Reassign => CanWriteObjective(teamId, ownerId) && CanReassignObjective(teamId),
        _ => CanWriteObjective(teamId, ownerId),
    };

    /// <summary>The fields of <paramref name="table"/> the caller may change, in the table's order.</summary>
    public IReadOnlyList<string> EditableFields(IReadOnlyDictionary<string, FieldRight> table, Guid teamId, Guid? ownerId) =>
        [.. table.Where(f => Has(f.Value, teamId, ownerId)).Select(f => f.Key)];

    public bool CanManageTeam(Guid teamId) => user.MayWrite && (user.IsAdmin || leadTeams.Contains(teamId));

    /// <summary>
    /// Admins change and archive teams (never the company, never twice); admins and the team's leads manage its members
    /// while it is not archived; whoever may write a team objective (<see cref="CanWriteObjective"/> without an owner) sets
    /// the team's objectives, and members set their own objectives in it.
    /// </summary>
    public TeamPermissions ForTeam(Guid teamId, bool isCompany, bool archived) =>
        new(user.IsAdmin, user.IsAdmin && !isCompany && !archived, !archived && CanManageTeam(teamId), !archived && CanWriteObjective(teamId, null));

    /// <summary>What the caller may do with an objective of <paramref name="teamId"/> / <paramref name="ownerId"/>, of <paramref name="level"/>, in <paramref name="state"/>.</summary>
    /// <param name="teamId">The owning team.</param>
    /// <param name="ownerId">The owning person, for an individual objective.</param>
    /// <param name="level">Its level (an individual objective takes no children).</param>
    /// <param name="state">Its state (the moves open from here).</param>
    /// <param name="period">Its period: a closed one is read-only for all but admins, and check-ins wait for the start (<see cref="CycleRules"/>).</param>
    public ObjectivePermissions ForObjective(Guid teamId, Guid? ownerId, ObjectiveLevel level, ObjectiveState state, PeriodClock period)
    {
        var open = CycleRules.WriteProblem(period.State, user.IsAdmin) is null;
        var canEdit = open && CanWriteObjective(teamId, ownerId);
        var canCheckIn = canEdit && CycleRules.CheckInProblem(period.State, period.Start, period.Now, user.IsAdmin) is null;
        return new ObjectivePermissions(canEdit, canEdit, canCheckIn, open && Has(FieldRight.Reassign, teamId, ownerId), canEdit,
            // A closed period takes no new objectives, so nothing new aligns to its objectives.
            user.MayWrite && period.State != PeriodState.Closed && Domain.Alignment.TakesChildren(level, state), canEdit ? Objective.NextStates(state) : [],
            open ? EditableFields(FieldRights.Objective, teamId, ownerId) : []);
    }

    /// <summary>A key result's owner checks in on it; every field of it, and deleting it, is the objective's decision (<see cref="FieldRights"/>).</summary>
    /// <param name="teamId">The objective's team.</param>
    /// <param name="objectiveOwnerId">The objective's owner, for an individual objective.</param>
    /// <param name="keyResultOwnerId">The key result's own owner.</param>
    /// <param name="period">Its period, as for <see cref="ForObjective"/>.</param>
    public KeyResultPermissions ForKeyResult(Guid teamId, Guid? objectiveOwnerId, Guid? keyResultOwnerId, PeriodClock period)
    {
        var open = CycleRules.WriteProblem(period.State, user.IsAdmin) is null;
        var canWriteObjective = open && CanWriteObjective(teamId, objectiveOwnerId);
        var canCheckIn = open && CycleRules.CheckInProblem(period.State, period.Start, period.Now, user.IsAdmin) is null
                         && CanWriteKeyResult(teamId, objectiveOwnerId, keyResultOwnerId);
        return new KeyResultPermissions(canWriteObjective, canWriteObjective, canCheckIn, canWriteObjective,
            open ? EditableFields(FieldRights.KeyResult, teamId, objectiveOwnerId) : []);
    }
}

/// <summary>What the caller may do with this objective, so that clients offer only what will work (the API still checks every write).</summary>
/// <param name="CanEdit">May change its fields (PATCH).</param>
/// <param name="CanDelete">May delete it.</param>
/// <param name="CanCheckIn">May check in on every one of its key results (a key result's own owner may check in on it too: see the key result's permissions).</param>
/// <param name="CanChangeOwner">May give it to another person or to the team (ownerId, teamId).</param>
/// <param name="CanAddKeyResult">May add key results to it.</param>
/// <param name="CanAlignChild">May create an objective of their own (or of a team they lead) aligned to this one: anyone who writes, when it takes children (not individual, not archived).</param>
/// <param name="AllowedStates">The states it may move to from here (its life cycle: draft → active → closed, any → archived, closed → active, archived → draft); empty when the caller may not edit it.</param>
/// <param name="EditableFields">The fields of a PATCH the caller may change (FieldRights); empty when none.</param>
public sealed record ObjectivePermissions(
    bool CanEdit, bool CanDelete, bool CanCheckIn, bool CanChangeOwner, bool CanAddKeyResult, bool CanAlignChild,
    IReadOnlyList<ObjectiveState> AllowedStates, IReadOnlyList<string> EditableFields);

/// <summary>What the caller may do with this team (the API still checks every write).</summary>
/// <param name="CanEdit">May rename it, change its slug or move it under another team.</param>
/// <param name="CanArchive">May archive it.</param>
/// <param name="CanManageMembers">May add and remove people and change their role in it.</param>
/// <param name="CanSetTeamObjectives">May create and change the team's own objectives (no owner): its leads, admins and write clients. Members still set their individual objectives in it.</param>
public sealed record TeamPermissions(bool CanEdit, bool CanArchive, bool CanManageMembers, bool CanSetTeamObjectives);

/// <summary>What the caller may do with this key result (the API still checks every write).</summary>
/// <param name="CanEdit">May change its fields (PATCH): whoever may write its objective, not its owner alone.</param>
/// <param name="CanDelete">May delete it.</param>
/// <param name="CanCheckIn">May record a check-in on it: its owner, and whoever may write its objective.</param>
/// <param name="CanChangeOwner">May give it to another person (ownerId).</param>
/// <param name="EditableFields">The fields of a PATCH the caller may change (FieldRights); empty when none.</param>
public sealed record KeyResultPermissions(bool CanEdit, bool CanDelete, bool CanCheckIn, bool CanChangeOwner, IReadOnlyList<string> EditableFields);
