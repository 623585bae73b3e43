using Mediator;
using Okr.Api.Infrastructure.Http;
using Okr.Api.Infrastructure.OpenApi;

namespace Okr.Api.Features.Auth;

public static class AuthEndpoints
{
    public const string RateLimitPolicy = "auth";
    public const string RefreshRateLimitPolicy = "auth-refresh";

    /// <summary>The token endpoints take credentials instead of a bearer token, and are rate limited per client address.</summary>
    public static RouteGroupBuilder MapAuthEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/auth").WithTags("Auth").AllowAnonymous();

        group.MapPost("/token", async (HttpContext http, IMediator mediator, CancellationToken ct) =>
                http.Request.HasFormContentType
                    ? await OAuthToken.HandleAsync(http, mediator, ct)
                    : TypedResults.Ok(await mediator.Send(await JsonBody.ReadAsync<CreateTokenCommand>(http), ct)))
            .Accepts<CreateTokenCommand>("application/json", OAuthToken.FormMediaType) // the form's own schema: OAuthTokenOperationFilter
            .Produces<TokenDto>(StatusCodes.Status200OK)
            .Named("CreateToken", "Sign in and get an access token",
                "People: {email, password} → a short-lived access token and a refresh token. " +
                "API clients: {grantType: \"client_credentials\", clientId, clientSecret} → an access token. " +
                "Also the OAuth 2.0 token endpoint (RFC 6749): application/x-www-form-urlencoded with grant_type=client_credentials " +
                "(client_id/client_secret, or HTTP Basic), password (username, password) or refresh_token, answered with access_token, token_type, " +
                "expires_in, refresh_token and RFC 6749 errors (400 invalid_request, invalid_grant, unsupported_grant_type; 401 invalid_client). " +
                "Repeated failed sign-ins lock the account for a while (429 with Retry-After).")
            .RequireRateLimiting(RateLimitPolicy)
            .ProducesErrors(400, 401, 429);

        group.MapPost("/refresh", async (RefreshTokenCommand command, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(command, ct)))
            .Named("RefreshToken", "Exchange a refresh token for new tokens",
                "Returns a new access token and a new refresh token; the old refresh token stops working. " +
                "Using an old refresh token again signs out its whole session family (401).")
            .RequireRateLimiting(RefreshRateLimitPolicy)
            .ProducesErrors(400, 401, 429);

        group.MapPost("/logout", async (LogoutCommand command, IMediator mediator, CancellationToken ct) =>
            {
                await mediator.Send(command, ct);
                return TypedResults.NoContent();
            })
            .RequireRateLimiting(RefreshRateLimitPolicy)
            .Named("Logout", "Sign out", "Revokes the refresh token and its family. Access tokens already issued expire on their own (15 minutes by default).")
            .ProducesErrors(400, 429);

        // The web app's session: the refresh token in an HttpOnly cookie, never in the page (BrowserSession).
        group.MapPost("/session", async (CreateSessionRequest body, HttpContext context, IMediator mediator,
                    Microsoft.Extensions.Options.IOptions<Infrastructure.Auth.AuthOptions> options, CancellationToken ct) =>
                TypedResults.Ok(await CreateSession.HandleAsync(body, context, mediator, options, ct)))
            .Named("CreateSession", "Sign in the web app",
                "For the browser: needs the header X-Okr-Client: web. Answers the access token (keep it in memory) and sets the refresh token " +
                "as an HttpOnly, SameSite=Strict cookie on /api/v1/auth/session (Secure over HTTPS). Same lockout and rate limit as /auth/token.")
            .RequireRateLimiting(RateLimitPolicy)
            .ProducesErrors(400, 401, 403, 429);

        group.MapPost("/session/refresh", async (HttpContext context, IMediator mediator,
                    Microsoft.Extensions.Options.IOptions<Infrastructure.Auth.AuthOptions> options, CancellationToken ct) =>
                TypedResults.Ok(await RefreshSession.HandleAsync(context, mediator, options, ct)))
            .Named("RefreshSession", "Renew the web app's session",
                "For the browser: needs the header X-Okr-Client: web and the session cookie; answers a new access token and rotates the cookie. " +
                "401 when there is no session or it ended (the cookie is deleted).")
            .RequireRateLimiting(RefreshRateLimitPolicy)
            .ProducesErrors(401, 403, 429);

        group.MapDelete("/session", async (HttpContext context, IMediator mediator, CancellationToken ct) =>
            {
                await EndSession.HandleAsync(context, mediator, ct);
                return TypedResults.NoContent();
            })
            .Named("EndSession", "Sign the web app out", "Needs the header X-Okr-Client: web; revokes the session cookie's refresh token and deletes the cookie.")
            .RequireRateLimiting(RefreshRateLimitPolicy)
            .ProducesErrors(403, 429);

        group.MapGet("/sso", async (IMediator mediator, CancellationToken ct) => TypedResults.Ok(await mediator.Send(new GetSingleSignOnQuery(), ct)))
            .Named("GetSingleSignOn", "Whether single sign-on is offered",
                "For the sign-in page: whether an OpenID Connect provider is configured, the name on its button, and the URL the button opens.")
            .RequireRateLimiting(RefreshRateLimitPolicy)
            .ProducesErrors(429);

        group.MapGet("/sso/start", (string? returnTo, Microsoft.Extensions.Options.IOptions<Infrastructure.Auth.SsoOptions> options) => StartSingleSignOn.Handle(returnTo, options))
            .Named("StartSingleSignOn", "Sign in with the company's provider (browser redirect)",
                "Opened by the browser, not called by scripts: 302 to the provider (authorization code flow with PKCE, state and nonce). " +
                "The provider returns to /api/v1/auth/sso/callback, which sets the web session cookie (as POST /auth/session does) and redirects to /signed-in?returnTo=… " +
                "(a path on this site, default \"/\"); a refusal redirects to /sign-in?sso={reason} (no_account, unverified_email, deactivated, cancelled, failed). " +
                "404 when single sign-on is not configured.")
            .RequireRateLimiting(RateLimitPolicy)
            // A browser's redirect, like the callback after it: not an operation for API clients to call, so not in the contract.
            .ExcludeFromDescription();

        return api;
    }
}
