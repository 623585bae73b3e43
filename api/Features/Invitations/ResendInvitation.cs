using Mediator;
using Microsoft.EntityFrameworkCore;
using Okr.Api.Domain;
using Okr.Api.Infrastructure.Auth;
using Okr.Api.Infrastructure.Errors;
using Okr.Api.Infrastructure.Persistence;

namespace Okr.Api.Features.Invitations;

/// <summary>A fresh invitation link (the old one stops working), emailed again or answered once without a mail server.</summary>
public sealed record ResendInvitationCommand(Guid UserId) : ICommand<InvitationDto>;

public sealed class ResendInvitationCommandHandler(OkrDbContext db, InvitationAccess access, AccountLinks links) : ICommandHandler<ResendInvitationCommand, InvitationDto>
{
    public async ValueTask<InvitationDto> Handle(ResendInvitationCommand command, CancellationToken cancellationToken)
    {
        var user = await access.PendingAsync(command.UserId, cancellationToken);
        await links.RevokeAsync(user.Id, AccountLinkPurpose.Invitation, cancellationToken);
        var link = links.Issue(user, AccountLinkPurpose.Invitation);
        await db.SaveChangesAsync(cancellationToken);
        links.MailInvitation(user, "Your organisation", link);
        return new InvitationDto(user.Id, user.Email, user.DisplayName, user.Role, link.ExpiresAt, links.Mails, links.Mails ? null : link.Url);
    }
}
