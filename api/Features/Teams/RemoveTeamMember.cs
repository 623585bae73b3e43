using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Okr.Api.Domain;
using Okr.Api.Infrastructure.Auth;
using Okr.Api.Infrastructure.Errors;
using Okr.Api.Infrastructure.Persistence;

namespace Okr.Api.Features.Teams;

/// <summary>Removes a person from a team. Their individual objectives stay with the team.</summary>
public sealed record RemoveTeamMemberCommand(Guid TeamId, Guid UserId) : ICommand;

public sealed class RemoveTeamMemberCommandHandler(OkrDbContext db, AccessPolicy access) : ICommandHandler<RemoveTeamMemberCommand>
{
    public async ValueTask<Unit> Handle(RemoveTeamMemberCommand command, CancellationToken cancellationToken)
    {
        await access.EnsureCanManageTeamAsync(command.TeamId, cancellationToken);
        var membership = await db.TeamMemberships.SingleOrDefaultAsync(m => m.TeamId == command.TeamId && m.UserId == command.UserId, cancellationToken)
                         ?? throw new NotFoundException("Team member", command.UserId);
        db.TeamMemberships.Remove(membership);
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}
