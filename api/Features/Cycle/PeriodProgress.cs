using Microsoft.EntityFrameworkCore;
using Okr.Api.Domain;
using Okr.Api.Infrastructure.Persistence;

namespace Okr.Api.Features.Cycle;

/// <summary>
/// The progress of every objective of one period, rolled up as everywhere else (<see cref="Rollup"/>): alignment stays
/// within a period, so the period's objectives and key results are all it takes. Two round trips, whatever the size.
/// </summary>
public sealed class PeriodProgress(OkrDbContext db)
{
    public async Task<Dictionary<Guid, decimal>> OfPeriodAsync(Guid periodId, CancellationToken ct)
    {
        var objectives = await db.Objectives.AsNoTracking().Where(o => o.PeriodId == periodId)
            .Select(o => new { o.Id, o.ParentId, o.Weight, o.State, o.ProgressFrom, o.AlignedShare }).ToListAsync(ct);
        var keyResults = (await db.KeyResults.AsNoTracking().Where(k => db.Objectives.Any(o => o.Id == k.ObjectiveId && o.PeriodId == periodId))
                .Select(k => new { k.ObjectiveId, k.Type, k.Direction, k.Baseline, k.Target, k.CurrentValue, k.Weight }).ToListAsync(ct))
            .ToLookup(k => k.ObjectiveId, k => (Progress.OfKeyResult(k.Type, k.Direction, k.Baseline, k.Target, k.CurrentValue), k.Weight));
        return Rollup.Compute(objectives.Select(o => new RollupInput(
                o.Id, o.ParentId, o.Weight, keyResults[o.Id].ToList(), Objective.CountsInRollup(o.State), o.ProgressFrom, o.AlignedShare)).ToList())
            .ToDictionary(r => r.Key, r => r.Value.Progress);
    }
}
