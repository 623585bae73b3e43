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
                    QueryEnum<ObjectiveState>? state, string? q, string? externalId, Guid? keyResultOwnerId, QueryTime? modifiedSince, string? after,
                    int page = 1, int pageSize = Paging.DefaultPageSize) =>
                TypedResults.Ok(await mediator.Send(new ListObjectivesQuery(periodId, teamId, ownerId, parentId, state?.Value, q, externalId, page, pageSize,
                    keyResultOwnerId, modifiedSince?.Value, after), ct)))
            .Named("ListObjectives", "List objectives",
                "Newest first, with key results and progress. Filters combine; archived objectives only with state=archived; q searches titles; " +
                "keyResultOwnerId keeps the objectives with a key result that person owns. To sync: read every page following nextCursor (after=), " +
                "then later ask for modifiedSince= the time you started, and follow GET /events for deletions (objective.deleted, key_result.deleted).")
            .Describes(
                ("periodId", "Only this period's objectives."),
                ("teamId", "Only objectives set for this team."),
                ("ownerId", "Only objectives this person owns."),
                ("parentId", "Only objectives aligned directly to this one."),
                ("state", "Only objectives in this state (archived ones appear only when asked for)."),
                ("q", "Titles containing this text, case-insensitive (up to 200 characters)."),
                ("externalId", "The objective with this external id (your system's key)."),
                ("keyResultOwnerId", "Objectives with a key result this person owns, whoever owns the objective."),
                ("modifiedSince", "Objectives whose own fields or any of whose key results (a check-in counts) changed at or after this time: " +
                                  "an ISO 8601 date-time with its offset, or a date (start of that day, UTC). Progress that moved only because " +
                                  "something aligned below changed does not count; deletions are events (GET /events)."),
                ("after", "The nextCursor of the previous page: reads on from where it ended (with page absent or 1)."))
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
