using Okr.Api.Infrastructure.Errors;

namespace Okr.Api.Features.Auth;

/// <summary>
/// The web app's session: its refresh token lives in an <c>HttpOnly</c>, <c>SameSite=Strict</c> cookie scoped to
/// <see cref="CookiePath"/> (and <c>Secure</c> unless served over plain HTTP on the machine itself), so no script in the page can read
/// it; the access token lives in the page's memory only. The cookie endpoints also need the header
/// <c>X-Okr-Client: web</c>, which no cross-site form or image can send (CSRF). API clients and scripts keep bearer
/// tokens from <c>POST /auth/token</c> as before.
/// </summary>
public static class BrowserSession
{
    public const string CookieName = "okr_refresh";
    public const string CookiePath = "/api/v1/auth/session";
    public const string ClientHeader = "X-Okr-Client";
    public const string WebClient = "web";

    /// <summary>403 unless the request carries <c>X-Okr-Client: web</c>.</summary>
    public static void EnsureFromTheWebApp(HttpRequest request)
    {
        if (request.Headers[ClientHeader].ToString() != WebClient)
        {
            throw new ForbiddenException($"The browser session endpoints need the header '{ClientHeader}: {WebClient}'.");
        }
    }

    public static string? RefreshTokenOf(HttpRequest request) => request.Cookies[CookieName] is { Length: > 0 } token ? token : null;

    public static void Set(HttpResponse response, string refreshToken, int days) =>
        response.Cookies.Append(CookieName, refreshToken, Options(response.HttpContext.Request, DateTimeOffset.UtcNow.AddDays(days)));

    public static void Clear(HttpResponse response) => response.Cookies.Delete(CookieName, Options(response.HttpContext.Request, null));

    private static CookieOptions Options(HttpRequest request, DateTimeOffset? expires) => new()
    {
        HttpOnly = true,
        // Secure always, but for plain HTTP from this machine itself (make run, the tests): behind a TLS proxy the request
        // reaches Okr as HTTP from another address, and the cookie must still never travel unencrypted.
        Secure = request.IsHttps || request.HttpContext.Connection.RemoteIpAddress is not { } from || !System.Net.IPAddress.IsLoopback(from),
        SameSite = SameSiteMode.Strict,
        Path = CookiePath,
        Expires = expires,
        IsEssential = true,
    };
}

/// <summary>The web app's access token: the refresh token went into the session cookie.</summary>
/// <param name="AccessToken">The JWT, to send as Authorization: Bearer; keep it in memory only.</param>
/// <param name="ExpiresIn">Seconds until it expires; renew with POST /auth/session/refresh before then.</param>
/// <param name="TokenType">Always "Bearer".</param>
public sealed record SessionDto(string AccessToken, int ExpiresIn, string TokenType);
