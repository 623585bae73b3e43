using Microsoft.EntityFrameworkCore;
using Okr.Api.Domain;
using Okr.Api.Infrastructure.Persistence;

namespace Okr.Api.Features.Cycle;

/// <summary>
/// What closing a period does to its objectives (docs/method.md, "The cycle"): every objective still active is closed
/// with its progress as the final score, unless an outcome was recorded before; drafts, never committed to, are
/// archived. Tracked changes only, so that each objective gets its audit entry and everything is saved, or nothing,
/// with the period's own change. Running it again finds nothing left to do.
/// </summary>
public sealed class PeriodClosing(OkrDbContext db, PeriodProgress progress)
{
    public async Task CloseObjectivesAsync(Guid periodId, DateTimeOffset now, CancellationToken ct)
    {
        var open = await db.Objectives.Where(o => o.PeriodId == periodId && (o.State == ObjectiveState.Active || o.State == ObjectiveState.Draft))
            .ToListAsync(ct);
        if (open.Count == 0) return;
        var progressById = await progress.OfPeriodAsync(periodId, ct);
        foreach (var objective in open)
        {
            if (objective.State == ObjectiveState.Active)
            {
                objective.MoveTo(ObjectiveState.Closed, null, null, progressById.GetValueOrDefault(objective.Id));
            }
            else
            {
                // Only drafts align to drafts, so every draft below a draft goes with it: no archiving rule is broken.
                objective.MoveTo(ObjectiveState.Archived, null, null, 0);
            }

            objective.ModifiedAt = now;
        }
    }
}
