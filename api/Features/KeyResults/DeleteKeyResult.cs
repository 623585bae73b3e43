using Mediator;
using Microsoft.EntityFrameworkCore;
using Okr.Api.Infrastructure.Auth;
using Okr.Api.Infrastructure.Persistence;

namespace Okr.Api.Features.KeyResults;

/// <summary>Deletes a key result with its check-ins.</summary>
public sealed record DeleteKeyResultCommand(Guid Id) : ICommand;

public sealed class DeleteKeyResultCommandHandler(OkrDbContext db, AccessPolicy access, TimeProvider clock) : ICommandHandler<DeleteKeyResultCommand>
{
    public async ValueTask<Unit> Handle(DeleteKeyResultCommand command, CancellationToken cancellationToken)
    {
        var (_, context) = await KeyResultQueries.RowAsync(db, access, command.Id, clock.GetUtcNow(), cancellationToken);
        // Removing a measure changes what the objective means: that is for whoever may change the objective.
        await access.EnsureCanWriteObjectiveAsync(context.TeamId, context.ObjectiveOwnerId, cancellationToken);
        access.EnsurePeriodAllowsWrite(context.Period.State);
        // Its check-ins go with it through the change tracker, so each gets its audit entry (not a silent cascade).
        db.CheckIns.RemoveRange(await db.CheckIns.Where(c => c.KeyResultId == command.Id).ToListAsync(cancellationToken));
        // Agenda items about it stay on their conversations, about its objective.
        foreach (var item in await db.AgendaItems.Where(a => a.KeyResultId == command.Id).ToListAsync(cancellationToken)) item.KeyResultId = null;
        db.KeyResults.Remove(await db.KeyResults.SingleAsync(k => k.Id == command.Id, cancellationToken));
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}
