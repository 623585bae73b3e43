using Mediator;
using Okr.Api.Infrastructure.Http;
using Okr.Api.Infrastructure.OpenApi;

namespace Okr.Api.Features.Comments;

/// <summary>Threads on objectives and key results: comments with mentions, and (on a key result) its check-ins in the same story.</summary>
public static class CommentsEndpoints
{
    private const string Who = "Whoever may read the objective (404 for a draft you may not see).";

    public static RouteGroupBuilder MapCommentsEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/objectives/{id:guid}/comments", async (Guid id, IMediator mediator, CancellationToken ct, int page = 1, int pageSize = Paging.DefaultPageSize) =>
                TypedResults.Ok(await mediator.Send(new ListObjectiveCommentsQuery(id, page, pageSize), ct)))
            .WithTags("Comments")
            .Named("ListObjectiveComments", "An objective's thread", $"Its comments (not its key results'), oldest first, with the mentioned people's names. {Who}")
            .ProducesErrors(400, 401, 404);

        api.MapPost("/objectives/{id:guid}/comments", async (Guid id, CreateCommentRequest comment, IMediator mediator, HttpResponse response, CancellationToken ct) =>
            {
                var created = await mediator.Send(new CreateObjectiveCommentCommand(id, comment), ct);
                ETags.Set(response, created.Version!.Value);
                return TypedResults.Created($"{ApiEndpoints.BasePath}/comments/{created.Id}", created);
            })
            .WithTags("Comments")
            .ProducesETag()
            .Named("CreateObjectiveComment", "Comment on an objective",
                "Plain text up to 10,000 characters; mentions: people who may read the objective (422 naming mentions[i] otherwise), each notified once. " +
                "People who write and may read the objective; viewers and API clients 403.")
            .ProducesErrors(400, 401, 403, 404, 422)
            .WithIdempotency();

        api.MapGet("/key-results/{id:guid}/comments", async (Guid id, IMediator mediator, CancellationToken ct, int page = 1, int pageSize = Paging.DefaultPageSize) =>
                TypedResults.Ok(await mediator.Send(new ListKeyResultCommentsQuery(id, page, pageSize), ct)))
            .WithTags("Comments")
            .Named("ListKeyResultComments", "A key result's thread",
                $"Its comments and its check-ins (value, confidence, note) merged by when they were written, oldest first, so the story reads top to bottom. {Who}")
            .ProducesErrors(400, 401, 404);

        api.MapPost("/key-results/{id:guid}/comments", async (Guid id, CreateCommentRequest comment, IMediator mediator, HttpResponse response, CancellationToken ct) =>
            {
                var created = await mediator.Send(new CreateKeyResultCommentCommand(id, comment), ct);
                ETags.Set(response, created.Version!.Value);
                return TypedResults.Created($"{ApiEndpoints.BasePath}/comments/{created.Id}", created);
            })
            .WithTags("Comments")
            .ProducesETag()
            .Named("CreateKeyResultComment", "Comment on a key result", "As for an objective's thread.")
            .ProducesErrors(400, 401, 403, 404, 422)
            .WithIdempotency();

        api.MapPatch("/comments/{id:guid}", async (Guid id, Patch<UpdateCommentRequest> changes, IMediator mediator, HttpRequest request, HttpResponse response, CancellationToken ct) =>
            {
                var comment = await mediator.Send(new UpdateCommentCommand(id, ETags.RequireIfMatch(request), changes), ct);
                ETags.Set(response, comment.Version!.Value);
                return TypedResults.Ok(comment);
            })
            .RequiresIfMatch()
            .WithTags("Comments")
            .ProducesETag()
            .Named("UpdateComment", "Change your comment",
                "Its author only (403 otherwise), with If-Match (412 when stale). Text and mentions; people newly mentioned are notified, the others not again.")
            .ProducesErrors(400, 401, 403, 404, 412, 422, 428);

        api.MapDelete("/comments/{id:guid}", async (Guid id, IMediator mediator, CancellationToken ct) =>
            {
                await mediator.Send(new DeleteCommentCommand(id), ct);
                return TypedResults.NoContent();
            })
            .WithTags("Comments")
            .Named("DeleteComment", "Delete a comment", "Its author or an admin (403 otherwise); the audit log keeps what it said.")
            .ProducesErrors(401, 403, 404);

        return api;
    }
}
