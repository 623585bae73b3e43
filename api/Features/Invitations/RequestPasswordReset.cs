using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Okr.Api.Domain;
using Okr.Api.Infrastructure.Mediator;
using Okr.Api.Infrastructure.Persistence;

namespace Okr.Api.Features.Invitations;

/// <summary>"Forgot password": where to send a reset link.</summary>
/// <param name="Email">The email signed in with.</param>
public sealed record RequestPasswordResetCommand(string Email) : ICommand<PasswordResetRequestedDto>, IAllowedForReadOnly, Infrastructure.Mediator.IOwnTransaction;

/// <summary>The one answer, whether or not the email has an account.</summary>
/// <param name="Detail">What happens next, in words.</param>
public sealed record PasswordResetRequestedDto(string Detail);

public sealed class RequestPasswordResetCommandValidator : AbstractValidator<RequestPasswordResetCommand>
{
    public RequestPasswordResetCommandValidator() => RuleFor(c => c.Email).NotEmpty().MaximumLength(Limits.Email);
}

/// <summary>
/// Always 202 with the same words: the answer never tells whether the email has an account. The email goes out after
/// the answer (<see cref="Infrastructure.Email.MailQueue"/>), so the timing does not tell either.
/// </summary>
public sealed class RequestPasswordResetCommandHandler(OkrDbContext db, AccountLinks links) : ICommandHandler<RequestPasswordResetCommand, PasswordResetRequestedDto>
{
    public const string Answer = "If an account uses this email, a link to choose a new password is on its way. It works once, for a short while.";

    public async ValueTask<PasswordResetRequestedDto> Handle(RequestPasswordResetCommand command, CancellationToken cancellationToken)
    {
        var email = User.NormaliseEmail(command.Email);
        var user = await db.Users.SingleOrDefaultAsync(u => u.Email == email && u.Active, cancellationToken);
        if (user is not null && links.Mails)
        {
            await links.RevokeAsync(user.Id, AccountLinkPurpose.PasswordReset, cancellationToken);
            var link = links.Issue(user, AccountLinkPurpose.PasswordReset);
            await db.SaveChangesAsync(cancellationToken);
            links.MailReset(user, link);
        }

        return new PasswordResetRequestedDto(Answer);
    }
}
