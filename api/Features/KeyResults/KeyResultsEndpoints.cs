using Mediator;
using Okr.Api.Infrastructure.Http;
using Okr.Api.Infrastructure.OpenApi;

namespace Okr.Api.Features.KeyResults;

public static class KeyResultsEndpoints
{
    public static RouteGroupBuilder MapKeyResultsEndpoints(this RouteGroupBuilder api)
    {
        var ofObjective = api.MapGroup("/objectives/{id:guid}/key-results").WithTags("Key results");

        ofObjective.MapPost("/", async (Guid id, CreateKeyResultRequest keyResult, IMediator mediator, HttpResponse response, CancellationToken ct) =>
            {
                var created = await mediator.Send(new AddKeyResultCommand(id, keyResult), ct);
                ETags.Set(response, created.Version);
                return TypedResults.Created($"{ApiEndpoints.BasePath}/key-results/{created.Id}", created);
            })
            .ProducesETag()
            .Named("AddKeyResult", "Add a key result to an objective",
                "A metric key result needs direction, baseline and target (422 without them); a milestone needs none.")
            .ProducesErrors(400, 401, 403, 404, 409, 422)
            .WithIdempotency();

        ofObjective.MapGet("/", async (Guid id, IMediator mediator, CancellationToken ct, int page = 1, int pageSize = Paging.DefaultPageSize) =>
                TypedResults.Ok(await mediator.Send(new ListKeyResultsQuery(id, page, pageSize), ct)))
            .Named("ListKeyResults", "List the key results of an objective", "Oldest first, with progress and status.")
            .ProducesErrors(400, 401, 404);

        var group = api.MapGroup("/key-results").WithTags("Key results");

        group.MapGet("/{id:guid}", async (Guid id, IMediator mediator, HttpResponse response, CancellationToken ct) =>
            {
                var keyResult = await mediator.Send(new GetKeyResultQuery(id), ct);
                ETags.Set(response, keyResult.Version);
                return TypedResults.Ok(keyResult);
            })
            .ProducesETag()
            .Named("GetKeyResult", "Get a key result", "Readable by whoever may read its objective (a draft's key results 404 like the draft). Its definition (type, direction, baseline, target, unit, weight, cadence), the latest check-in (currentValue, confidence, note), progress 0..1, status and version (ETag).")
            .ProducesErrors(401, 404);

        group.MapPatch("/{id:guid}", async (Guid id, Patch<UpdateKeyResultRequest> changes, IMediator mediator, HttpRequest request, HttpResponse response, CancellationToken ct) =>
            {
                var keyResult = await mediator.Send(new UpdateKeyResultCommand(id, ETags.RequireIfMatch(request), changes), ct);
                ETags.Set(response, keyResult.Version);
                return TypedResults.Ok(keyResult);
            })
            .RequiresIfMatch()
            .ProducesETag()
            .Named("UpdateKeyResult", "Change a key result",
                "Partial update with If-Match. The current value changes only through check-ins.")
            .ProducesErrors(400, 401, 403, 404, 409, 412, 422, 428);

        group.MapGet("/{id:guid}/rescopes", async (Guid id, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new ListRescopesQuery(id), ct)))
            .Named("ListRescopes", "List the re-scopes of a key result",
                "Changes of direction, baseline or target (and of type, allowed only before the first check-in), newest first, at most 100: "
                + "each moved progress without a measurement. Readable by whoever may read the key result.")
            .ProducesErrors(401, 404);

        group.MapDelete("/{id:guid}", async (Guid id, IMediator mediator, CancellationToken ct) =>
            {
                await mediator.Send(new DeleteKeyResultCommand(id), ct);
                return TypedResults.NoContent();
            })
            .Named("DeleteKeyResult", "Delete a key result", "Deletes it with its check-ins.")
            .ProducesErrors(401, 403, 404);

        return api;
    }
}
