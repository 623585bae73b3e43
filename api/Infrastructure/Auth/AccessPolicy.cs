using Microsoft.EntityFrameworkCore;
using Okr.Api.Domain;
using Okr.Api.Infrastructure.Errors;
using Okr.Api.Infrastructure.Persistence;

namespace Okr.Api.Infrastructure.Auth;

/// <summary>
/// Who may read and change what, in one place (README, "Who may change what"):
/// everyone signed in reads every objective except drafts, which only their owner, the owning team's leads
/// and admins see; a member writes their own individual objectives and checks in on key results they own;
/// a team lead writes the team's objectives and its members' individual objectives and manages the team's
/// membership; admins manage periods, teams, users and API clients; viewers and read-only clients never write;
/// write and import clients write objectives, key results and check-ins; admins and import clients import and export.
/// </summary>
public sealed class AccessPolicy(ICurrentUser user, OkrDbContext db)
{
    private Guid[]? _leadTeams;

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
        if (user.IsAdmin || user.IsClient || (ownerId is not null && ownerId == user.UserId)) return;
        if ((await LeadTeamsAsync(ct)).Contains(teamId)) return;
        throw new ForbiddenException(ownerId is null
            ? "Only a lead of the owning team or an admin may change a team objective."
            : "Only the owner, a lead of the owning team or an admin may change this objective.");
    }

    /// <summary>Key results and check-ins: whoever may write the objective, and the key result's own owner.</summary>
    public async Task EnsureCanWriteKeyResultAsync(Guid teamId, Guid? objectiveOwnerId, Guid? keyResultOwnerId, CancellationToken ct)
    {
        EnsureMayWrite();
        if (keyResultOwnerId is not null && keyResultOwnerId == user.UserId) return;
        await EnsureCanWriteObjectiveAsync(teamId, objectiveOwnerId, ct);
    }

    /// <summary>Admins and the team's leads manage who is in a team.</summary>
    public async Task EnsureCanManageTeamAsync(Guid teamId, CancellationToken ct)
    {
        EnsureMayWrite();
        if (user.IsAdmin || (await LeadTeamsAsync(ct)).Contains(teamId)) return;
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

    /// <summary>404 (not 403) for a draft the caller may not see, so its existence does not leak.</summary>
    public async Task EnsureVisibleAsync(Guid objectiveId, CancellationToken ct)
    {
        if (!await (await VisibleAsync(db.Objectives, ct)).AnyAsync(o => o.Id == objectiveId, ct))
        {
            throw new NotFoundException("Objective", objectiveId);
        }
    }

    private async Task<Guid[]> LeadTeamsAsync(CancellationToken ct)
    {
        if (user.UserId is not { } me) return [];
        return _leadTeams ??= await db.TeamMemberships.Where(m => m.UserId == me && m.Role == TeamRole.Lead).Select(m => m.TeamId).ToArrayAsync(ct);
    }
}
