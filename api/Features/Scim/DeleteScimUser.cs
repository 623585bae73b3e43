using Mediator;
using Okr.Api.Infrastructure.Mediator;
using Okr.Api.Infrastructure.Persistence;

namespace Okr.Api.Features.Scim;

/// <summary>
/// DELETE /scim/v2/Users/{id}: the person is deactivated and signed out everywhere, and the directory sees them no more
/// (404, as RFC 7644 §3.6 asks); Okr keeps them, because their objectives, check-ins and 1:1s are the company's history.
/// </summary>
public sealed record DeleteScimUserCommand(Guid Id) : ICommand, IDirectoryCommand;

public sealed class DeleteScimUserCommandHandler(OkrDbContext db, ScimUsers users, TimeProvider clock) : ICommandHandler<DeleteScimUserCommand>
{
    public async ValueTask<Unit> Handle(DeleteScimUserCommand command, CancellationToken cancellationToken)
    {
        var user = await users.FindAsync(command.Id, cancellationToken);
        if (user.Role == Domain.OrgRole.Admin) throw new ScimException(403, null, "This person is an Okr admin: admins are changed in Okr, not by the directory.");
        user.DeprovisionedAt = clock.GetUtcNow();
        var wasActive = user.Active;
        user.Active = false;
        if (wasActive) user.EndSessions();
        await db.SaveChangesAsync(cancellationToken);
        await users.EndSessionsAsync(user.Id, cancellationToken);
        return Unit.Value;
    }
}
