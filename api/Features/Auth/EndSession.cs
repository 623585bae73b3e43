using Mediator;

namespace Okr.Api.Features.Auth;

/// <summary>Signs the web app out: revokes the cookie's refresh token (and its family) and deletes the cookie.</summary>
public static class EndSession
{
    public static async Task HandleAsync(HttpContext context, IMediator mediator, CancellationToken ct)
    {
        BrowserSession.EnsureFromTheWebApp(context.Request);
        if (BrowserSession.RefreshTokenOf(context.Request) is { } refreshToken) await mediator.Send(new LogoutCommand(refreshToken), ct);
        BrowserSession.Clear(context.Response);
    }
}
