using Mediator;
using Microsoft.EntityFrameworkCore;
using Okr.Api.Infrastructure.Mediator;
using Okr.Api.Infrastructure.Persistence;

namespace Okr.Api.Features.Scim;

/// <summary>
/// DELETE /scim/v2/Groups/{id}: the team is archived (its objectives are the company's history) and gone for the
/// directory. A team that still has active sub-teams stays (409), as archiving it in Okr would be refused.
/// </summary>
public sealed record DeleteScimGroupCommand(Guid Id) : ICommand, IDirectoryCommand;

public sealed class DeleteScimGroupCommandHandler(OkrDbContext db, ScimGroups groups) : ICommandHandler<DeleteScimGroupCommand>
{
    public async ValueTask<Unit> Handle(DeleteScimGroupCommand command, CancellationToken cancellationToken)
    {
        var team = await groups.FindAsync(command.Id, cancellationToken);
        if (await db.Teams.AnyAsync(t => t.ParentId == team.Id && !t.Archived, cancellationToken))
        {
            throw new ScimException(409, null, "This team has active sub-teams in Okr: an admin moves or archives them first.");
        }

        team.Archived = true;
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}
