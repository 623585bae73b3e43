using Mediator;
using Okr.Api.Domain;
using Okr.Api.Infrastructure.Http;
using Okr.Api.Infrastructure.OpenApi;

namespace Okr.Api.Features.Objectives;

public static class ObjectivesEndpoints
{
    public static RouteGroupBuilder MapObjectivesEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/objectives").WithTags("Objectives");

        group.MapPost("/", async (CreateObjectiveCommand command, IMediator mediator, HttpResponse response, CancellationToken ct) =>
            {
                var objective = await mediator.Send(command, ct);
                ETags.Set(response, objective.Version);
                return TypedResults.Created($"{ApiEndpoints.BasePath}/objectives/{objective.Id}", objective);
            })
            .ProducesETag()
            .Named("CreateObjective", "Create an objective, optionally with its key results",
                "A person creates their own individual objectives; team leads their team's; admins any. " +
                "Alignment to a parent is checked: a higher level, the same period, no cycles (422 otherwise).")
            .ProducesErrors(400, 401, 403, 409, 422)
            .WithIdempotency();

        group.MapGet("/", async (IMediator mediator, CancellationToken ct, Guid? periodId, Guid? teamId, Guid? ownerId, Guid? parentId,
                    QueryEnum<ObjectiveState>? state, string? q, string? externalId, Guid? keyResultOwnerId, int page = 1, int pageSize = Paging.DefaultPageSize) =>
                TypedResults.Ok(await mediator.Send(new ListObjectivesQuery(periodId, teamId, ownerId, parentId, state?.Value, q, externalId, page, pageSize, keyResultOwnerId), ct)))
            .Named("ListObjectives", "List objectives",
                "Newest first, with key results and progress. Filters combine; archived objectives only with state=archived; q searches titles; " +
                "keyResultOwnerId keeps the objectives with a key result that person owns.")
            .ProducesErrors(400, 401);

        group.MapGet("/{id:guid}", async (Guid id, IMediator mediator, HttpResponse response, CancellationToken ct) =>
            {
                var objective = await mediator.Send(new GetObjectiveQuery(id), ct);
                ETags.Set(response, objective.Version);
                return TypedResults.Ok(objective);
            })
            .ProducesETag()
            .Named("GetObjective", "Get an objective", "With its key results, progress, expected progress and status. The ETag is the version to send in If-Match.")
            .ProducesErrors(401, 404);

        group.MapPatch("/{id:guid}", async (Guid id, Patch<UpdateObjectiveRequest> changes, IMediator mediator, HttpRequest request, HttpResponse response, CancellationToken ct) =>
            {
                var objective = await mediator.Send(new UpdateObjectiveCommand(id, ETags.RequireIfMatch(request), changes), ct);
                ETags.Set(response, objective.Version);
                return TypedResults.Ok(objective);
            })
            .RequiresIfMatch()
            .ProducesETag()
            .Named("UpdateObjective", "Change an objective",
                "Partial update: send only the fields to change, and If-Match with the ETag you read (412 when someone changed it meanwhile). " +
                "Archive with state=archived; close with state=closed and optionally finalScore and closingComment.")
            .ProducesErrors(400, 401, 403, 404, 409, 412, 422, 428);

        group.MapDelete("/{id:guid}", async (Guid id, IMediator mediator, CancellationToken ct) =>
            {
                await mediator.Send(new DeleteObjectiveCommand(id), ct);
                return TypedResults.NoContent();
            })
            .Named("DeleteObjective", "Delete an objective",
                "Deletes it with its key results and check-ins; objectives aligned to it are detached. To keep the history, archive instead.")
            .ProducesErrors(401, 403, 404);

        return api;
    }
}
