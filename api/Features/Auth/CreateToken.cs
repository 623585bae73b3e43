using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Okr.Api.Domain;
using Okr.Api.Infrastructure.Auth;
using Okr.Api.Infrastructure.Errors;
using Okr.Api.Infrastructure.Mediator;
using Okr.Api.Infrastructure.Persistence;

namespace Okr.Api.Features.Auth;

/// <summary>
/// Sign-in. People send email and password (grantType "password", the default) and get an access token and a
/// refresh token. API clients send clientId and clientSecret (grantType "client_credentials") and get an access token.
/// </summary>
/// <param name="GrantType">"password" (default) or "client_credentials".</param>
/// <param name="Email">A person's email.</param>
/// <param name="Password">A person's password.</param>
/// <param name="ClientId">An API client's id.</param>
/// <param name="ClientSecret">An API client's secret.</param>
/// <param name="TotpCode">With two-step sign-in on: the 6-digit code of the authenticator app, or a recovery code (without it: 401 naming totpCode).</param>
public sealed record CreateTokenCommand(string? GrantType = null, string? Email = null, string? Password = null, Guid? ClientId = null, string? ClientSecret = null, string? TotpCode = null)
    : ICommand<TokenDto>, IAllowedForReadOnly, Infrastructure.Mediator.IOwnTransaction;

/// <summary>An access token to send as <c>Authorization: Bearer …</c>.</summary>
/// <param name="AccessToken">The JWT.</param>
/// <param name="ExpiresIn">Seconds until the access token expires.</param>
/// <param name="TokenType">Always "Bearer".</param>
/// <param name="RefreshToken">For people: exchange it at /auth/refresh for a new pair before or after the access token expires. Null for API clients.</param>
public sealed record TokenDto(string AccessToken, int ExpiresIn, string TokenType, string? RefreshToken);

public sealed class CreateTokenCommandValidator : AbstractValidator<CreateTokenCommand>
{
    public const string Password = "password";
    public const string ClientCredentials = "client_credentials";

    public CreateTokenCommandValidator()
    {
        RuleFor(c => c.GrantType).Must(g => g is null or Password or ClientCredentials)
            .WithMessage($"'grantType' is '{Password}' or '{ClientCredentials}'.");
        When(c => c.GrantType is null or Password, () =>
        {
            RuleFor(c => c.Email).NotEmpty().MaximumLength(Limits.Email);
            RuleFor(c => c.Password).NotEmpty().MaximumLength(Limits.PasswordMax);
            RuleFor(c => c.TotpCode).MaximumLength(32);
        });
        When(c => c.GrantType == ClientCredentials, () =>
        {
            RuleFor(c => c.ClientId).NotEmpty();
            RuleFor(c => c.ClientSecret).NotEmpty().MaximumLength(200);
        });
    }
}

public sealed class CreateTokenCommandHandler(
    OkrDbContext db, IPasswordHasher<User> hasher, TokenService tokens, SignIns signIns, PasswordAttempts attempts, TimeProvider clock)
    : ICommandHandler<CreateTokenCommand, TokenDto>
{
    // Verified when the email is unknown too, so the answer takes as long either way and does not reveal who has an account.
    private static readonly string DummyHash = new PasswordHasher<User>().HashPassword(new User { Email = "", DisplayName = "" }, "not-a-real-password");
    private static readonly string DummySecretHash = TokenService.Hash("not-a-real-secret");

    public async ValueTask<TokenDto> Handle(CreateTokenCommand command, CancellationToken cancellationToken) =>
        command.GrantType == CreateTokenCommandValidator.ClientCredentials
            ? await ClientAsync(command.ClientId!.Value, command.ClientSecret!, cancellationToken)
            : await PersonAsync(command.Email!, command.Password!, command.TotpCode, cancellationToken);

    private async Task<TokenDto> PersonAsync(string emailText, string password, string? totpCode, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var email = User.NormaliseEmail(emailText);
        var user = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Email == email, ct);
        await attempts.ClaimAsync(user, email, ct);

        // Verified when the email is unknown too, so the answer takes as long either way.
        var result = hasher.VerifyHashedPassword(user ?? new User { Email = "", DisplayName = "" }, user is { Active: true, PasswordHash.Length: > 0 } ? user.PasswordHash : DummyHash, password);
        if (user is not { Active: true } || user.PasswordHash.Length == 0 || result == PasswordVerificationResult.Failed)
        {
            throw new UnauthenticatedException("The email or password is not correct.");
        }

        // The second factor, after the password (so it tells nothing to someone without it). A missing or wrong code
        // leaves the attempt counted: codes are guessed no faster than passwords.
        if (user.TotpEnabled) await SecondFactorAsync(user, totpCode, now, ct);
        await attempts.SucceededAsync(user, ct);

        if (result == PasswordVerificationResult.SuccessRehashNeeded)
        {
            await db.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.PasswordHash, hasher.HashPassword(user, password)), ct);
        }

        var refreshToken = await signIns.StartAsync(user, SignInMethod.Password, ct);
        var (token, expiresIn) = tokens.Issue(user);
        return new TokenDto(token, expiresIn, "Bearer", refreshToken);
    }

    private async Task SecondFactorAsync(User user, string? code, DateTimeOffset now, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(code) || user.TotpSecret is null) throw new SecondFactorRequiredException(TwoFactor.CodeNeeded);
        // Conditional updates: a code (or recovery code) works once, even when sent twice at the same moment.
        if (TwoFactor.Verify(user.TotpSecret, code, now, user.TotpLastStep) is { } step)
        {
            if (await db.Users.Where(u => u.Id == user.Id && (u.TotpLastStep == null || u.TotpLastStep < step))
                    .ExecuteUpdateAsync(s => s.SetProperty(u => u.TotpLastStep, step), ct) == 1) return;
        }
        else if (TwoFactor.UseRecoveryCode(user.RecoveryCodeHashes, code) is { } left)
        {
            if (await db.Users.Where(u => u.Id == user.Id && u.RecoveryCodeHashes == user.RecoveryCodeHashes)
                    .ExecuteUpdateAsync(s => s.SetProperty(u => u.RecoveryCodeHashes, left), ct) == 1) return;
        }

        throw new SecondFactorRequiredException(TwoFactor.CodeWrong);
    }

    private async Task<TokenDto> ClientAsync(Guid clientId, string secret, CancellationToken ct)
    {
        var client = await db.ApiClients.AsNoTracking().SingleOrDefaultAsync(c => c.Id == clientId, ct);
        var matches = TokenService.Matches(secret, client?.SecretHash ?? DummySecretHash);
        if (client is null || client.RevokedAt is not null || !matches)
        {
            throw new UnauthenticatedException("The client id or secret is not correct, or the client was revoked.");
        }

        var now = clock.GetUtcNow();
        await db.ApiClients.Where(c => c.Id == client.Id).ExecuteUpdateAsync(s => s.SetProperty(c => c.LastUsedAt, now), ct);
        var (token, expiresIn) = tokens.Issue(client);
        return new TokenDto(token, expiresIn, "Bearer", null);
    }
}
