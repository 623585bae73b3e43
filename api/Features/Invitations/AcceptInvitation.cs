using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Okr.Api.Domain;
using Okr.Api.Features.Auth;
using Okr.Api.Infrastructure.Auth;
using Okr.Api.Infrastructure.Mediator;
using Okr.Api.Infrastructure.Persistence;

namespace Okr.Api.Features.Invitations;

/// <summary>Accepting an invitation: the token from the link and a password of one's own.</summary>
/// <param name="Token">The token after <c>?token=</c> in the link.</param>
/// <param name="Password">At least 10 characters, not the email.</param>
public sealed record AcceptInvitationCommand(string Token, string Password) : ICommand<AccountSignInDto>, IAllowedForReadOnly, Infrastructure.Mediator.IOwnTransaction;

/// <summary>Signed in after setting a password: the tokens of a sign-in, and the email to sign in with next time.</summary>
/// <param name="Email">The person's email.</param>
/// <param name="AccessToken">Bearer token for the API.</param>
/// <param name="ExpiresIn">Seconds the access token lives.</param>
/// <param name="TokenType">Always "Bearer".</param>
/// <param name="RefreshToken">Single-use renewal token.</param>
public sealed record AccountSignInDto(string Email, string AccessToken, int ExpiresIn, string TokenType, string RefreshToken);

public sealed class AcceptInvitationCommandValidator : AbstractValidator<AcceptInvitationCommand>
{
    public AcceptInvitationCommandValidator()
    {
        RuleFor(c => c.Token).NotEmpty().MaximumLength(200);
        RuleFor(c => c.Password).NotEmpty().MinimumLength(Limits.PasswordMin).MaximumLength(Limits.PasswordMax).NotCommon();
    }
}

/// <summary>The link works once (422 <c>token</c>, in the same words for used, replaced, expired and forged links); the person is in and signed in.</summary>
public sealed class AcceptInvitationCommandHandler(OkrDbContext db, AccountLinks links, IPasswordHasher<User> hasher, SignIns signIns, TokenService tokens)
    : ICommandHandler<AcceptInvitationCommand, AccountSignInDto>
{
    public async ValueTask<AccountSignInDto> Handle(AcceptInvitationCommand command, CancellationToken cancellationToken)
    {
        // One transaction (through the execution strategy, which retries it whole): the link is spent only if the password is set.
        return await db.Database.CreateExecutionStrategy().ExecuteAsync(async cancellationToken =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var user = await links.RedeemAsync(command.Token, AccountLinkPurpose.Invitation, cancellationToken);
            if (string.Equals(command.Password, user.Email, StringComparison.OrdinalIgnoreCase))
            {
                throw new Infrastructure.Errors.BadRequestFieldException("password", "'password' must not be the email address.");
            }

            user.PasswordHash = hasher.HashPassword(user, command.Password);
            user.Invited = false;
            var refreshToken = await signIns.StartAsync(user, SignInMethod.Invitation, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            var (access, expiresIn) = tokens.Issue(user);
            return new AccountSignInDto(user.Email, access, expiresIn, "Bearer", refreshToken);
        }, cancellationToken);
    }
}
