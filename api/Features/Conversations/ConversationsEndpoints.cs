using Mediator;
using Okr.Api.Domain;
using Okr.Api.Infrastructure.Http;
using Okr.Api.Infrastructure.OpenApi;

namespace Okr.Api.Features.Conversations;

/// <summary>Performance conversations (1:1s) between a person and their manager, where OKRs are revisited.</summary>
public static class ConversationsEndpoints
{
    private const string Who = "Its employee, its manager and admins; others get 404. API clients read with the conversations scope (403 otherwise) and never write.";

    public static RouteGroupBuilder MapConversationsEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/conversations").WithTags("Conversations");

        group.MapPost("/", async (CreateConversationCommand command, IMediator mediator, HttpResponse response, CancellationToken ct) =>
            {
                var conversation = await mediator.Send(command, ct);
                ETags.Set(response, conversation.Version);
                return TypedResults.Created($"{ApiEndpoints.BasePath}/conversations/{conversation.Id}", conversation);
            })
            .ProducesETag()
            .Named("CreateConversation", "Schedule a 1:1",
                "The manager schedules with their report, or the person with their own manager; an admin with anyone (and may pick another manager). " +
                "managerId defaults to the person's manager; 422 when they have none, when it is the person, or when the person is not your report.")
            .ProducesErrors(400, 401, 403, 422)
            .WithIdempotency();

        group.MapGet("/", async (IMediator mediator, CancellationToken ct, Guid? employeeId, Guid? managerId, QueryEnum<ConversationState>? state,
                    QueryTime? from, QueryTime? to, Guid? objectiveId, int page = 1, int pageSize = Paging.DefaultPageSize) =>
                TypedResults.Ok(await mediator.Send(new ListConversationsQuery(employeeId, managerId, state?.Value, from?.Value, to?.Value, objectiveId, page, pageSize), ct)))
            .Describes(
                ("employeeId", "Only conversations with this person as the employee."),
                ("managerId", "Only conversations with this person as the manager."),
                ("state", "Only conversations in this state."),
                ("from", "Scheduled at or after this time: an ISO 8601 date-time with its offset, or a date (start of that day, UTC)."),
                ("to", "Scheduled at or before this time (same forms as from; not before from)."),
                ("objectiveId", "Only conversations whose agenda is about this objective."))
            .Named("ListConversations", "List 1:1s",
                "The conversations you take part in (all, for admins), newest first; filters combine; from/to bound scheduledAt; objectiveId: those whose agenda is about it.")
            .ProducesErrors(400, 401, 403);

        group.MapGet("/{id:guid}", async (Guid id, IMediator mediator, HttpResponse response, CancellationToken ct) =>
            {
                var conversation = await mediator.Send(new GetConversationQuery(id), ct);
                ETags.Set(response, conversation.Version);
                return TypedResults.Ok(conversation);
            })
            .ProducesETag()
            .Named("GetConversation", "Get a 1:1", $"With its agenda, action items (and the open ones of earlier conversations) and your private note. {Who}")
            .ProducesErrors(401, 403, 404);

        group.MapPatch("/{id:guid}", async (Guid id, Patch<UpdateConversationRequest> changes, IMediator mediator, HttpRequest request, HttpResponse response, CancellationToken ct) =>
            {
                var conversation = await mediator.Send(new UpdateConversationCommand(id, ETags.RequireIfMatch(request), changes), ct);
                ETags.Set(response, conversation.Version);
                return TypedResults.Ok(conversation);
            })
            .RequiresIfMatch()
            .ProducesETag()
            .Named("UpdateConversation", "Change a 1:1",
                "Partial update with If-Match (412 when the other participant changed it meanwhile; a change of only myPrivateNote never conflicts). " +
                "{\"state\": \"held\"} stamps heldAt (now unless given); held and cancelled ones do not move back and keep their date.")
            .ProducesErrors(400, 401, 403, 404, 412, 422, 428);

        group.MapDelete("/{id:guid}", async (Guid id, IMediator mediator, CancellationToken ct) =>
            {
                await mediator.Send(new DeleteConversationCommand(id), ct);
                return TypedResults.NoContent();
            })
            .Named("DeleteConversation", "Delete a scheduled 1:1", "Scheduled ones only (422 state otherwise), with their items and notes.")
            .ProducesErrors(401, 403, 404, 422);

        group.MapGet("/{id:guid}/packet", async (Guid id, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new GetConversationPacketQuery(id), ct)))
            .Named("GetConversationPacket", "Prepare a 1:1",
                "What changed for the person since their previous held conversation (or 30 days before a first one) until now (or when it was held): " +
                "objectives and key results then and now from the check-in history, highlights, due check-ins and open action items. " + Who)
            .ProducesErrors(401, 403, 404);

        group.MapPost("/{id:guid}/agenda-items", async (Guid id, AgendaItemRequest item, IMediator mediator, CancellationToken ct) =>
            {
                var created = await mediator.Send(new AddAgendaItemCommand(id, item), ct);
                return TypedResults.Created($"{ApiEndpoints.BasePath}/conversations/{id}/agenda-items/{created.Id}", created);
            })
            .Named("AddAgendaItem", "Add to the agenda", "Plain text, optionally about an objective or key result you may read (422 naming objectiveId/keyResultId otherwise).")
            .ProducesErrors(400, 401, 403, 404, 422)
            .WithIdempotency();

        group.MapPatch("/{id:guid}/agenda-items/{itemId:guid}", async (Guid id, Guid itemId, Patch<UpdateAgendaItemRequest> changes, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new UpdateAgendaItemCommand(id, itemId, changes), ct)))
            .Named("UpdateAgendaItem", "Change an agenda item", "Text, what it is about, or done.")
            .ProducesErrors(400, 401, 403, 404, 422);

        group.MapDelete("/{id:guid}/agenda-items/{itemId:guid}", async (Guid id, Guid itemId, IMediator mediator, CancellationToken ct) =>
            {
                await mediator.Send(new DeleteAgendaItemCommand(id, itemId), ct);
                return TypedResults.NoContent();
            })
            .Named("DeleteAgendaItem", "Remove an agenda item", "The conversation's participants and admins (403 otherwise). Answers 204; 404 when the conversation or the item is unknown.")
            .ProducesErrors(401, 403, 404);

        group.MapPost("/{id:guid}/action-items", async (Guid id, ActionItemRequest item, IMediator mediator, CancellationToken ct) =>
            {
                var created = await mediator.Send(new AddActionItemCommand(id, item), ct);
                return TypedResults.Created($"{ApiEndpoints.BasePath}/conversations/{id}/action-items/{created.Id}", created);
            })
            .Named("AddActionItem", "Agree on an action item", "Owned by one of the two participants (422 ownerId otherwise); open ones come back in the next conversation.")
            .ProducesErrors(400, 401, 403, 404, 422)
            .WithIdempotency();

        group.MapPatch("/{id:guid}/action-items/{itemId:guid}", async (Guid id, Guid itemId, Patch<UpdateActionItemRequest> changes, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new UpdateActionItemCommand(id, itemId, changes), ct)))
            .Named("UpdateActionItem", "Change an action item", "Through the conversation it was agreed in: text, owner, due date, done (stamps doneAt).")
            .ProducesErrors(400, 401, 403, 404, 422);

        group.MapDelete("/{id:guid}/action-items/{itemId:guid}", async (Guid id, Guid itemId, IMediator mediator, CancellationToken ct) =>
            {
                await mediator.Send(new DeleteActionItemCommand(id, itemId), ct);
                return TypedResults.NoContent();
            })
            .Named("DeleteActionItem", "Remove an action item", "The conversation's participants and admins (403 otherwise). Answers 204; 404 when the conversation or the item is unknown.")
            .ProducesErrors(401, 403, 404);

        api.MapGet("/users/{id:guid}/reports", async (Guid id, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new ListReportsQuery(id), ct)))
            .WithTags("Users")
            .Named("ListReports", "A manager's direct reports",
                "Each direct report's OKR health (own active objectives, mean progress, at risk), due check-ins, last and next 1:1 and open action items. " +
                "For the person, the managers above them and admins (403 otherwise).")
            .ProducesErrors(401, 403, 404);

        return api;
    }
}
