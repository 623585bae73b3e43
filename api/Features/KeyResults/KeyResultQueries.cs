using Microsoft.EntityFrameworkCore;
using Okr.Api.Infrastructure.Auth;
using Okr.Api.Infrastructure.Errors;
using Okr.Api.Infrastructure.Persistence;

namespace Okr.Api.Features.KeyResults;

/// <summary>What reads and writes of one key result need to know about its objective and period.</summary>
public sealed record KeyResultContext(Guid ObjectiveId, Guid TeamId, Guid? ObjectiveOwnerId, Domain.ObjectiveState ObjectiveState, PeriodClock Period);

internal static class KeyResultQueries
{
    /// <summary>The objective's team, owner and period; 404 when it does not exist or is a draft the caller may not see.</summary>
    public static async Task<KeyResultContext> ContextOfObjectiveAsync(OkrDbContext db, AccessPolicy access, Guid objectiveId, DateTimeOffset now, CancellationToken ct)
    {
        var row = await (from o in await access.VisibleAsync(db.Objectives, ct)
                         join p in db.Periods on o.PeriodId equals p.Id
                         where o.Id == objectiveId
                         select new { o.Id, o.TeamId, o.OwnerId, ObjectiveState = o.State, p.StartDate, p.EndDate, p.State })
                  .SingleOrDefaultAsync(ct) ?? throw new NotFoundException("Objective", objectiveId);
        return new KeyResultContext(row.Id, row.TeamId, row.OwnerId, row.ObjectiveState, new PeriodClock(row.StartDate, row.EndDate, row.State, now));
    }

    /// <summary>As <see cref="ContextOfObjectiveAsync"/>, but a hidden draft's key result is simply "not found": nothing about the draft leaks.</summary>
    public static async Task<KeyResultContext> ContextOfKeyResultAsync(OkrDbContext db, AccessPolicy access, Domain.KeyResult keyResult, DateTimeOffset now, CancellationToken ct)
    {
        try
        {
            return await ContextOfObjectiveAsync(db, access, keyResult.ObjectiveId, now, ct);
        }
        catch (NotFoundException)
        {
            throw new NotFoundException("Key result", keyResult.Id);
        }
    }

    /// <summary>Key results by id as GET shows them (drafts' included), with <paramref name="rights"/>' permissions: two queries.</summary>
    public static async Task<List<KeyResultDto>> ManyAsync(OkrDbContext db, CallerRights rights, IReadOnlyCollection<Guid> ids, DateTimeOffset now, CancellationToken ct)
    {
        var rows = await db.KeyResults.Where(k => ids.Contains(k.Id)).ProjectToRow().ToListAsync(ct);
        var objectiveIds = rows.Select(r => r.ObjectiveId).Distinct().ToArray();
        var contexts = await (from o in db.Objectives
                              join p in db.Periods on o.PeriodId equals p.Id
                              where objectiveIds.Contains(o.Id)
                              select new { o.Id, o.TeamId, o.OwnerId, o.State, p.StartDate, p.EndDate, PeriodState = p.State }).ToDictionaryAsync(o => o.Id, ct);
        return [.. rows.Where(r => contexts.ContainsKey(r.ObjectiveId)).Select(r =>
        {
            var c = contexts[r.ObjectiveId];
            var period = new PeriodClock(c.StartDate, c.EndDate, c.PeriodState, now);
            return r.ToDto(period, c.State, rights.ForKeyResult(c.TeamId, c.OwnerId, r.OwnerId, period));
        })];
    }

    public static async Task<(KeyResultRow Row, KeyResultContext Context)> RowAsync(OkrDbContext db, AccessPolicy access, Guid keyResultId, DateTimeOffset now, CancellationToken ct)
    {
        var row = await db.KeyResults.Where(k => k.Id == keyResultId).ProjectToRow().SingleOrDefaultAsync(ct)
                  ?? throw new NotFoundException("Key result", keyResultId);
        try
        {
            return (row, await ContextOfObjectiveAsync(db, access, row.ObjectiveId, now, ct));
        }
        catch (NotFoundException)
        {
            throw new NotFoundException("Key result", keyResultId); // a key result of a hidden draft does not exist for this caller
        }
    }
}
