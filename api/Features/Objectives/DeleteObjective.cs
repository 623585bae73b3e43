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
        // Removed through the change tracker so the audit log records it; the database cascades to key results and check-ins.
        db.Objectives.Remove(objective);
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}
