using Mediator;
using Microsoft.Extensions.Options;
using Okr.Api.Infrastructure.Auth;

namespace Okr.Api.Features.Auth;

/// <summary>Signs a person in for the web app: the same checks, lockout and rate limit as POST /auth/token.</summary>
/// <param name="Email">Their email.</param>
/// <param name="Password">Their password.</param>
/// <param name="TotpCode">With two-step sign-in on: the authenticator app's code or a recovery code.</param>
public sealed record CreateSessionRequest(string Email, string Password, string? TotpCode = null);

public static class CreateSession
{
    public static async Task<SessionDto> HandleAsync(CreateSessionRequest body, HttpContext context, IMediator mediator, IOptions<AuthOptions> options, CancellationToken ct)
    {
        BrowserSession.EnsureFromTheWebApp(context.Request);
        var token = await mediator.Send(new CreateTokenCommand(CreateTokenCommandValidator.Password, body.Email, body.Password, null, null, body.TotpCode), ct);
        BrowserSession.Set(context.Response, token.RefreshToken!, options.Value.RefreshTokenDays);
        return new SessionDto(token.AccessToken, token.ExpiresIn, token.TokenType);
    }
}
