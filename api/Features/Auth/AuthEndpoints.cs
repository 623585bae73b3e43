using Mediator;
using Okr.Api.Infrastructure.OpenApi;

namespace Okr.Api.Features.Auth;

public static class AuthEndpoints
{
    public static RouteGroupBuilder MapAuthEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/auth").WithTags("Auth");
        group.MapPost("/token", async (CreateTokenCommand command, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(command, ct)))
            .AllowAnonymous()
            .Named("CreateToken", "Sign in and get an access token",
                "Exchanges a person's email and password for a short-lived JWT access token.")
            .ProducesErrors(400, 401);
        return api;
    }
}
