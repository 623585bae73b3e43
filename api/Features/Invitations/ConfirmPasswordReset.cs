using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Okr.Api.Domain;
using Okr.Api.Features.Auth;
using Okr.Api.Infrastructure.Auth;
using Okr.Api.Infrastructure.Errors;
using Okr.Api.Infrastructure.Mediator;
using Okr.Api.Infrastructure.Persistence;

namespace Okr.Api.Features.Invitations;

/// <summary>A new password, with the token from the reset link.</summary>
/// <param name="Token">The token after <c>?token=</c> in the link.</param>
/// <param name="NewPassword">At least 10 characters, not the email.</param>
public sealed record ConfirmPasswordResetCommand(string Token, string NewPassword) : ICommand<PasswordResetDoneDto>, IAllowedForReadOnly, Infrastructure.Mediator.IOwnTransaction;

/// <summary>The password is set; every earlier session has ended.</summary>
/// <param name="Email">The email to sign in with now.</param>
public sealed record PasswordResetDoneDto(string Email);

public sealed class ConfirmPasswordResetCommandValidator : AbstractValidator<ConfirmPasswordResetCommand>
{
    public ConfirmPasswordResetCommandValidator()
    {
        RuleFor(c => c.Token).NotEmpty().MaximumLength(200);
        RuleFor(c => c.NewPassword).NotEmpty().MinimumLength(Limits.PasswordMin).MaximumLength(Limits.PasswordMax).NotCommon();
    }
}

/// <summary>Sets the password, lifts a lockout, and ends every session of the person (a reset is a security event).</summary>
public sealed class ConfirmPasswordResetCommandHandler(OkrDbContext db, AccountLinks links, IPasswordHasher<User> hasher, RefreshTokens refresh, IMemoryCache cache, TimeProvider clock)
    : ICommandHandler<ConfirmPasswordResetCommand, PasswordResetDoneDto>
{
    public async ValueTask<PasswordResetDoneDto> Handle(ConfirmPasswordResetCommand command, CancellationToken cancellationToken)
    {
        // One transaction (through the execution strategy, which retries it whole): the link is spent only if the password is set.
        return await db.Database.CreateExecutionStrategy().ExecuteAsync(async cancellationToken =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var user = await links.RedeemAsync(command.Token, AccountLinkPurpose.PasswordReset, cancellationToken);
            if (string.Equals(command.NewPassword, user.Email, StringComparison.OrdinalIgnoreCase))
            {
                throw new BadRequestFieldException("newPassword", "'newPassword' must not be the email address.");
            }

            user.PasswordHash = hasher.HashPassword(user, command.NewPassword);
            (user.Invited, user.FailedSignIns, user.LockedUntil) = (false, 0, null);
            user.EndSessions();
            await db.SaveChangesAsync(cancellationToken);
            await refresh.RevokeAllAsync(user.Id, clock.GetUtcNow(), cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            SessionValidator.Forget(cache, isClient: false, user.Id);
            return new PasswordResetDoneDto(user.Email);
        }, cancellationToken);
    }
}
