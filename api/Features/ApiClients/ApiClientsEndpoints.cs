using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Okr.Api.Domain;
using Okr.Api.Infrastructure.Auth;
using Okr.Api.Infrastructure.Errors;
using Okr.Api.Infrastructure.Http;
using Okr.Api.Infrastructure.OpenApi;
using Okr.Api.Infrastructure.Persistence;
using Riok.Mapperly.Abstractions;

namespace Okr.Api.Features.ApiClients;

public static class ApiClientsEndpoints
{
    public static RouteGroupBuilder MapApiClientsEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/api-clients").WithTags("API clients");

        group.MapPost("/", async (CreateApiClientCommand command, IMediator mediator, CancellationToken ct) =>
            {
                var created = await mediator.Send(command, ct);
                return TypedResults.Created($"{ApiEndpoints.BasePath}/api-clients/{created.Client.Id}", created);
            })
            .Named("CreateApiClient", "Create an API client", "Admins only. The answer holds the secret, shown this once; sign in with grantType client_credentials.")
            .ProducesErrors(400, 401, 403);

        group.MapGet("/", async (IMediator mediator, CancellationToken ct, int page = 1, int pageSize = Paging.DefaultPageSize) =>
                TypedResults.Ok(await mediator.Send(new ListApiClientsQuery(page, pageSize), ct)))
            .Named("ListApiClients", "List API clients", "Admins only. Active ones first, with when each last signed in.")
            .ProducesErrors(400, 401, 403);

        group.MapGet("/{id:guid}", async (Guid id, IMediator mediator, CancellationToken ct) => TypedResults.Ok(await mediator.Send(new GetApiClientQuery(id), ct)))
            .Named("GetApiClient", "Get an API client", "Admins only. Its name, scope, when it last signed in and whether it was revoked; never its secret.")
            .ProducesErrors(401, 403, 404);

        group.MapDelete("/{id:guid}", async (Guid id, IMediator mediator, CancellationToken ct) =>
            {
                await mediator.Send(new RevokeApiClientCommand(id), ct);
                return TypedResults.NoContent();
            })
            .Named("RevokeApiClient", "Revoke an API client", "Admins only. Its secret stops working at once.")
            .ProducesErrors(401, 403, 404);

        return api;
    }
}
