using Microsoft.EntityFrameworkCore;
using Okr.Api.Domain;
using Okr.Api.Infrastructure.Persistence;

namespace Okr.Api.Features.Objectives;

/// <summary>Checks that the ids a request refers to exist and may be used, naming the field when they do not (422).</summary>
internal static class ObjectiveReferences
{
    /// <summary>
    /// The period exists and takes new objectives: a closed one takes none, not even an admin's — admins correct what
    /// a closed period holds, but new work belongs in an open period (carry it over).
    /// </summary>
    public static async Task EnsurePeriodOpenAsync(OkrDbContext db, Guid periodId, CancellationToken ct)
    {
        var state = await db.Periods.Where(p => p.Id == periodId).Select(p => (PeriodState?)p.State).SingleOrDefaultAsync(ct)
                    ?? throw new DomainRuleException("periodId", $"Period '{periodId}' does not exist.");
        if (state == PeriodState.Closed) throw new DomainRuleException("periodId", $"{CycleRules.ClosedRule} It takes no new objectives: create them in an open period.");
    }

    public static async Task EnsureTeamAndOwnerAsync(OkrDbContext db, Guid teamId, Guid? ownerId, CancellationToken ct)
    {
        var archived = await db.Teams.Where(t => t.Id == teamId).Select(t => (bool?)t.Archived).SingleOrDefaultAsync(ct)
                       ?? throw new DomainRuleException("teamId", $"Team '{teamId}' does not exist.");
        if (archived == true) throw new DomainRuleException("teamId", "The team is archived: its objectives can be read but not given to it or changed in it.");
        if (ownerId is not { } owner) return;

        if (!await db.Users.AnyAsync(u => u.Id == owner, ct)) throw new DomainRuleException("ownerId", $"User '{owner}' does not exist.");
        if (!await db.TeamMemberships.AnyAsync(m => m.TeamId == teamId && m.UserId == owner, ct))
        {
            throw new DomainRuleException("ownerId", "The owner of an individual objective must be a member of its team.");
        }
    }

    /// <summary>One query for every (field, user id) pair given.</summary>
    public static async Task EnsureUsersExistAsync(OkrDbContext db, IEnumerable<(string Field, Guid? UserId)> references, CancellationToken ct)
    {
        var wanted = references.Where(r => r.UserId is not null).ToList();
        if (wanted.Count == 0) return;
        var ids = wanted.Select(r => r.UserId!.Value).Distinct().ToArray();
        var found = await db.Users.Where(u => ids.Contains(u.Id)).Select(u => u.Id).ToListAsync(ct);
        var missing = wanted.FirstOrDefault(r => !found.Contains(r.UserId!.Value));
        if (missing.Field is not null) throw new DomainRuleException(missing.Field, $"User '{missing.UserId}' does not exist.");
    }
}
