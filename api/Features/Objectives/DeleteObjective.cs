using Mediator;
using Microsoft.EntityFrameworkCore;
using Okr.Api.Infrastructure.Auth;
using Okr.Api.Infrastructure.Errors;
using Okr.Api.Infrastructure.Persistence;

namespace Okr.Api.Features.Objectives;

/// <summary>Deletes an objective with its key results and check-ins; objectives aligned to it are detached, not deleted.</summary>
public sealed record DeleteObjectiveCommand(Guid Id) : ICommand;

public sealed class DeleteObjectiveCommandHandler(OkrDbContext db, AccessPolicy access) : ICommandHandler<DeleteObjectiveCommand>
{
    public async ValueTask<Unit> Handle(DeleteObjectiveCommand command, CancellationToken cancellationToken)
    {
        await access.EnsureVisibleAsync(command.Id, cancellationToken);
        var objective = await db.Objectives.SingleOrDefaultAsync(o => o.Id == command.Id, cancellationToken)
                        ?? throw new NotFoundException("Objective", command.Id);
        await access.EnsureCanWriteObjectiveAsync(objective.TeamId, objective.OwnerId, cancellationToken);
        access.EnsurePeriodAllowsWrite(await db.Periods.Where(p => p.Id == objective.PeriodId).Select(p => p.State).SingleAsync(cancellationToken));
        // Everything the deletion changes goes through the change tracker, so that each row gets its audit entry (and each
        // changed row its modification stamp), not only the objective: its key results and their check-ins are deleted
        // with it, and the objectives aligned to it are detached (their parentId cleared), never silently by the database.
        var keyResults = await db.KeyResults.Where(k => k.ObjectiveId == objective.Id).ToListAsync(cancellationToken);
        var keyResultIds = keyResults.Select(k => k.Id).ToList();
        db.CheckIns.RemoveRange(await db.CheckIns.Where(c => keyResultIds.Contains(c.KeyResultId)).ToListAsync(cancellationToken));
        db.KeyResults.RemoveRange(keyResults);
        // Conversations that talked about it keep their agenda items, no longer pointing at it.
        foreach (var item in await db.AgendaItems.Where(a => a.ObjectiveId == objective.Id || (a.KeyResultId != null && keyResultIds.Contains(a.KeyResultId.Value))).ToListAsync(cancellationToken))
        {
            (item.ObjectiveId, item.KeyResultId) = (null, null);
        }

        foreach (var child in await db.Objectives.Where(o => o.ParentId == objective.Id).ToListAsync(cancellationToken)) child.ParentId = null;
        // Carry-over links to it go too: a deleted copy can be carried over again, a deleted original leaves an ordinary objective.
        foreach (var linked in await db.Objectives.Where(o => o.CarriedOverToId == objective.Id || o.CarriedOverFromId == objective.Id).ToListAsync(cancellationToken))
        {
            if (linked.CarriedOverToId == objective.Id) linked.CarriedOverToId = null;
            if (linked.CarriedOverFromId == objective.Id) linked.CarriedOverFromId = null;
        }

        db.Objectives.Remove(objective);
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}
