using Mediator;
using Microsoft.EntityFrameworkCore;
using Okr.Api.Domain;
using Okr.Api.Features.Auth;
using Okr.Api.Infrastructure.Auth;
using Okr.Api.Infrastructure.Errors;
using Okr.Api.Infrastructure.Mediator;
using Okr.Api.Infrastructure.Persistence;

namespace Okr.Api.Features.Users;

/// <summary>What an authenticator app needs: the secret, and the otpauth:// address that carries it.</summary>
/// <param name="Secret">The shared secret, base32 (type it into the app, or use the address).</param>
/// <param name="OtpauthUri">otpauth://totp/… for a QR code.</param>
public sealed record TwoFactorSetupDto(string Secret, string OtpauthUri);

/// <summary>Starts setting up two-step sign-in for the signed-in person; it is on once a code is confirmed.</summary>
public sealed record StartTwoFactorCommand : ICommand<TwoFactorSetupDto>, IAllowedForReadOnly, Infrastructure.Mediator.IOwnTransaction;

public sealed class StartTwoFactorCommandHandler(OkrDbContext db, ICurrentUser me) : ICommandHandler<StartTwoFactorCommand, TwoFactorSetupDto>
{
    public async ValueTask<TwoFactorSetupDto> Handle(StartTwoFactorCommand command, CancellationToken cancellationToken)
    {
        if (me.UserId is not { } id) throw new ForbiddenException("API clients sign in with their secret; they have no second factor.");
        var user = await db.Users.SingleAsync(u => u.Id == id, cancellationToken);
        if (user.TotpEnabled) throw new DomainRuleException("twoFactor", "Two-step sign-in is already on: turn it off first to set up another app.");
        user.TotpSecret = TwoFactor.NewSecret();
        await db.SaveChangesAsync(cancellationToken);
        return new TwoFactorSetupDto(user.TotpSecret, TwoFactor.Uri(user.TotpSecret, user.Email));
    }
}
