using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Okr.Api.Domain;
using Okr.Api.Features.Auth;
using Okr.Api.Infrastructure.Auth;
using Okr.Api.Infrastructure.Errors;
using Okr.Api.Infrastructure.Mediator;
using Okr.Api.Infrastructure.Persistence;

namespace Okr.Api.Features.Users;

/// <summary>Turning two-step sign-in off takes a current code (or a recovery code): a stolen session alone cannot.</summary>
/// <param name="Code">A code from the app, or a recovery code.</param>
public sealed record DisableTwoFactorCommand(string Code) : ICommand, IAllowedForReadOnly, Infrastructure.Mediator.IOwnTransaction;

public sealed class DisableTwoFactorCommandValidator : AbstractValidator<DisableTwoFactorCommand>
{
    public DisableTwoFactorCommandValidator() => RuleFor(c => c.Code).NotEmpty().MaximumLength(32);
}

public sealed class DisableTwoFactorCommandHandler(OkrDbContext db, ICurrentUser me, PasswordAttempts attempts, TimeProvider clock) : ICommandHandler<DisableTwoFactorCommand>
{
    public async ValueTask<Unit> Handle(DisableTwoFactorCommand command, CancellationToken cancellationToken)
    {
        if (me.UserId is not { } id) throw new ForbiddenException("API clients have no second factor.");
        var user = await db.Users.SingleAsync(u => u.Id == id, cancellationToken);
        if (!user.TotpEnabled) throw new DomainRuleException("code", "Two-step sign-in is not on.");
        await attempts.ClaimAsync(user, user.Email, cancellationToken);
        await db.Entry(user).ReloadAsync(cancellationToken);
        var valid = TwoFactor.Verify(user.TotpSecret!, command.Code, clock.GetUtcNow(), user.TotpLastStep) is not null
                    || TwoFactor.UseRecoveryCode(user.RecoveryCodeHashes, command.Code) is not null;
        if (!valid) throw new DomainRuleException("code", TwoFactor.CodeWrong);
        (user.TotpEnabled, user.TotpSecret, user.TotpLastStep, user.RecoveryCodeHashes, user.FailedSignIns, user.LockedUntil) = (false, null, null, null, 0, null);
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}
