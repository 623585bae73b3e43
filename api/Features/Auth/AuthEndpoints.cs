using Mediator;
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

        group.MapPost("/token", async (CreateTokenCommand command, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(command, ct)))
            .Named("CreateToken", "Sign in and get an access token",
                "People: {email, password} → a short-lived access token and a refresh token. " +
                "API clients: {grantType: \"client_credentials\", clientId, clientSecret} → an access token. " +
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

        return api;
    }
}
