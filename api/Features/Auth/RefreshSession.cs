using Mediator;
using Microsoft.Extensions.Options;
using Okr.Api.Infrastructure.Auth;
using Okr.Api.Infrastructure.Errors;

namespace Okr.Api.Features.Auth;

/// <summary>Renews the web app's session from its cookie: a new access token, and a new refresh token in the cookie (rotation and reuse detection as for /auth/refresh).</summary>
public static class RefreshSession
{
    public static async Task<SessionDto> HandleAsync(HttpContext context, IMediator mediator, IOptions<AuthOptions> options, CancellationToken ct)
    {
        BrowserSession.EnsureFromTheWebApp(context.Request);
        var refreshToken = BrowserSession.RefreshTokenOf(context.Request) ?? throw new UnauthenticatedException("No session: sign in.");
        try
        {
            var token = await mediator.Send(new RefreshTokenCommand(refreshToken), ct);
            BrowserSession.Set(context.Response, token.RefreshToken!, options.Value.RefreshTokenDays);
            return new SessionDto(token.AccessToken, token.ExpiresIn, token.TokenType);
        }
        catch (UnauthenticatedException)
        {
            BrowserSession.Clear(context.Response); // a dead session's cookie is no use to anyone
            throw;
        }
    }
}
