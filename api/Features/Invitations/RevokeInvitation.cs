using Mediator;
using Microsoft.EntityFrameworkCore;
using Okr.Api.Domain;
using Okr.Api.Infrastructure.Auth;
using Okr.Api.Infrastructure.Errors;
using Okr.Api.Infrastructure.Persistence;

namespace Okr.Api.Features.Invitations;

/// <summary>Withdraws an invitation: its link stops working and the invited person is deactivated (they never got in).</summary>
public sealed record RevokeInvitationCommand(Guid UserId) : ICommand;

public sealed class RevokeInvitationCommandHandler(OkrDbContext db, InvitationAccess access, AccountLinks links) : ICommandHandler<RevokeInvitationCommand>
{
    public async ValueTask<Unit> Handle(RevokeInvitationCommand command, CancellationToken cancellationToken)
    {
        var user = await access.PendingAsync(command.UserId, cancellationToken);
        await links.RevokeAsync(user.Id, AccountLinkPurpose.Invitation, cancellationToken);
        user.Active = false;
        user.EndSessions();
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}
