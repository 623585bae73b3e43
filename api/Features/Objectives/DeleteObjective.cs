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
        var objective = await db.Objectives.Where(o => o.Id == command.Id).Select(o => new { o.TeamId, o.OwnerId }).SingleOrDefaultAsync(cancellationToken)
                        ?? throw new NotFoundException("Objective", command.Id);
        await access.EnsureCanWriteObjectiveAsync(objective.TeamId, objective.OwnerId, cancellationToken);
        await db.Objectives.Where(o => o.Id == command.Id).ExecuteDeleteAsync(cancellationToken);
        return Unit.Value;
    }
}
