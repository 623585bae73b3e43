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

/// <summary>A code from the app just set up.</summary>
/// <param name="Code">The 6 digits it shows now.</param>
public sealed record ConfirmTwoFactorCommand(string Code) : ICommand<RecoveryCodesDto>, IAllowedForReadOnly, Infrastructure.Mediator.IOwnTransaction;

/// <summary>Two-step sign-in is on. Keep these somewhere safe: each signs in once instead of a code; they are never shown again.</summary>
/// <param name="RecoveryCodes">Ten single-use codes (xxxx-xxxx).</param>
public sealed record RecoveryCodesDto(IReadOnlyList<string> RecoveryCodes);

public sealed class ConfirmTwoFactorCommandValidator : AbstractValidator<ConfirmTwoFactorCommand>
{
    public ConfirmTwoFactorCommandValidator() => RuleFor(c => c.Code).NotEmpty().MaximumLength(32);
}

/// <summary>Wrong codes count like wrong passwords (the same lockout).</summary>
public sealed class ConfirmTwoFactorCommandHandler(OkrDbContext db, ICurrentUser me, PasswordAttempts attempts, TimeProvider clock) : ICommandHandler<ConfirmTwoFactorCommand, RecoveryCodesDto>
{
    public async ValueTask<RecoveryCodesDto> Handle(ConfirmTwoFactorCommand command, CancellationToken cancellationToken)
    {
        if (me.UserId is not { } id) throw new ForbiddenException("API clients have no second factor.");
        var user = await db.Users.SingleAsync(u => u.Id == id, cancellationToken);
        if (user.TotpEnabled) throw new DomainRuleException("code", "Two-step sign-in is already on.");
        if (user.TotpSecret is null) throw new DomainRuleException("code", "Start the set-up first (POST /users/me/two-factor).");
        await attempts.ClaimAsync(user, user.Email, cancellationToken);
        await db.Entry(user).ReloadAsync(cancellationToken);
        if (TwoFactor.Verify(user.TotpSecret!, command.Code, clock.GetUtcNow(), null) is not { } step) throw new DomainRuleException("code", TwoFactor.CodeWrong);
        var (codes, hashes) = TwoFactor.NewRecoveryCodes();
        (user.TotpEnabled, user.TotpLastStep, user.RecoveryCodeHashes, user.FailedSignIns, user.LockedUntil) = (true, step, hashes, 0, null);
        await db.SaveChangesAsync(cancellationToken);
        return new RecoveryCodesDto(codes);
    }
}
