using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Okr.Api.Domain;
using Okr.Api.Features.Auth;
using Okr.Api.Infrastructure.Auth;
using Okr.Api.Infrastructure.Errors;
using Okr.Api.Infrastructure.Http;
using Okr.Api.Infrastructure.Mediator;
using Okr.Api.Infrastructure.Persistence;

namespace Okr.Api.Features.Users;

/// <summary>A new password for the signed-in person.</summary>
/// <param name="CurrentPassword">The password in use now.</param>
/// <param name="NewPassword">At least 10 characters, not the email.</param>
public sealed record ChangePasswordCommand(string CurrentPassword, string NewPassword) : ICommand, IAllowedForReadOnly, Infrastructure.Mediator.IOwnTransaction;

public sealed class ChangePasswordCommandValidator : AbstractValidator<ChangePasswordCommand>
{
    public ChangePasswordCommandValidator()
    {
        RuleFor(c => c.CurrentPassword).NotEmpty().MaximumLength(Limits.PasswordMax);
        RuleFor(c => c.NewPassword).NotEmpty().MinimumLength(Limits.PasswordMin).MaximumLength(Limits.PasswordMax).NotCommon()
            .NotEqual(c => c.CurrentPassword).WithMessage("'newPassword' must differ from the current password.");
    }
}

public sealed class ChangePasswordCommandHandler(
    OkrDbContext db, ICurrentUser me, IPasswordHasher<User> hasher, RefreshTokens refresh, PasswordAttempts attempts, TimeProvider clock, IMemoryCache cache)
    : ICommandHandler<ChangePasswordCommand>
{
    public async ValueTask<Unit> Handle(ChangePasswordCommand command, CancellationToken cancellationToken)
    {
        if (me.UserId is not { } id) throw new ForbiddenException("API clients have no password.");
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == id, cancellationToken) ?? throw new NotFoundException("User", id);
        // The same lockout as signing in: a stolen access token must not become a way to guess the password.
        await attempts.ClaimAsync(user, user.Email, cancellationToken);
        await db.Entry(user).ReloadAsync(cancellationToken); // the claim changed the row (and its version)
        if (user.PasswordHash.Length == 0 || hasher.VerifyHashedPassword(user, user.PasswordHash, command.CurrentPassword) == PasswordVerificationResult.Failed)
        {
            throw new DomainRuleException("currentPassword", "The current password is not correct.");
        }

        (user.FailedSignIns, user.LockedUntil) = (0, null); // the right password: the count starts again (saved below)

        if (string.Equals(command.NewPassword, user.Email, StringComparison.OrdinalIgnoreCase))
        {
            throw new BadRequestFieldException("newPassword", "'newPassword' must not be the email address.");
        }

        user.PasswordHash = hasher.HashPassword(user, command.NewPassword);
        user.EndSessions();
        await db.SaveChangesAsync(cancellationToken);
        // Every session ends, this one too: whoever knew the old password is signed out (the web app signs in again).
        await refresh.RevokeAllAsync(user.Id, clock.GetUtcNow(), cancellationToken);
        SessionValidator.Forget(cache, isClient: false, user.Id);
        return Unit.Value;
    }
}
