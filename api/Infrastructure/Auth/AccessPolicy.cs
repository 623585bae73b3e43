using Microsoft.EntityFrameworkCore;
using Okr.Api.Domain;
using Okr.Api.Infrastructure.Errors;
using Okr.Api.Infrastructure.Persistence;

namespace Okr.Api.Infrastructure.Auth;

/// <summary>
/// Who may change what, in one place. Baseline rules: admins may do everything; a person edits their own
/// individual objectives and the key results they own; a team lead edits the team's objectives.
/// </summary>
public sealed class AccessPolicy(ICurrentUser user, OkrDbContext db)
{
    public void EnsureAdmin(string action)
    {
        if (!user.IsAdmin) throw new ForbiddenException($"Only an admin may {action}.");
    }

    /// <summary>May the caller write an objective owned by <paramref name="teamId"/> / <paramref name="ownerId"/>?</summary>
    public async Task EnsureCanWriteObjectiveAsync(Guid teamId, Guid? ownerId, CancellationToken ct)
    {
        if (user.IsAdmin || ownerId == user.Id) return;
        if (await IsLeadOfAsync(teamId, ct)) return;
        throw new ForbiddenException(ownerId is null
            ? "Only a lead of the owning team or an admin may change a team objective."
            : "Only the owner, a lead of the owning team or an admin may change this objective.");
    }

    /// <summary>Key results and check-ins: whoever may write the objective, and the key result's own owner.</summary>
    public async Task EnsureCanWriteKeyResultAsync(Guid teamId, Guid? objectiveOwnerId, Guid? keyResultOwnerId, CancellationToken ct)
    {
        if (keyResultOwnerId is not null && keyResultOwnerId == user.Id) return;
        await EnsureCanWriteObjectiveAsync(teamId, objectiveOwnerId, ct);
    }

    private Task<bool> IsLeadOfAsync(Guid teamId, CancellationToken ct) =>
        db.TeamMemberships.AnyAsync(m => m.TeamId == teamId && m.UserId == user.Id && m.Role == TeamRole.Lead, ct);
}
