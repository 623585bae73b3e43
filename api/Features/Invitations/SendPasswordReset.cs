using Mediator;
using Microsoft.EntityFrameworkCore;
using Okr.Api.Domain;
using Okr.Api.Infrastructure.Auth;
using Okr.Api.Infrastructure.Errors;
using Okr.Api.Infrastructure.Persistence;

namespace Okr.Api.Features.Invitations;

/// <summary>An admin sends a person a reset link (the old one stops working); without a mail server the answer carries it once.</summary>
public sealed record SendPasswordResetCommand(Guid UserId) : ICommand<ResetLinkDto>;

public sealed class SendPasswordResetCommandHandler(OkrDbContext db, AccessPolicy access, AccountLinks links) : ICommandHandler<SendPasswordResetCommand, ResetLinkDto>
{
    public async ValueTask<ResetLinkDto> Handle(SendPasswordResetCommand command, CancellationToken cancellationToken)
    {
        access.EnsureAdmin("send password-reset links");
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == command.UserId, cancellationToken) ?? throw new NotFoundException("User", command.UserId);
        if (!user.Active) throw new DomainRuleException("userId", "The person is deactivated: activate them first.");
        await links.RevokeAsync(user.Id, AccountLinkPurpose.PasswordReset, cancellationToken);
        var link = links.Issue(user, AccountLinkPurpose.PasswordReset);
        await db.SaveChangesAsync(cancellationToken);
        links.MailReset(user, link);
        return new ResetLinkDto(link.ExpiresAt, links.Mails, links.Mails ? null : link.Url);
    }
}
