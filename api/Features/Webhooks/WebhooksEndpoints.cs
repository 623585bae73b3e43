using Mediator;
using Okr.Api.Domain;
using Okr.Api.Features.Events;
using Okr.Api.Infrastructure.Http;
using Okr.Api.Infrastructure.OpenApi;

namespace Okr.Api.Features.Webhooks;

public static class WebhooksEndpoints
{
    public static RouteGroupBuilder MapWebhooksEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/events", async (IMediator mediator, CancellationToken ct, string? after, string? types, int limit = 100) =>
                TypedResults.Ok(await mediator.Send(new ListEventsQuery(after, types, limit), ct)))
            .WithTags("Events")
            .Describes(
                ("after", "The nextCursor of the previous page; absent: from the oldest event kept."),
                ("types", "Only these event types, comma-separated (e.g. check_in.created,key_result.status_changed)."),
                ("limit", "Events per page, 1..500 (default 100)."))
            .Named("ListEvents", "Read the event stream",
                "Admins, and API clients with the events scope (who never see drafts or conversations). Oldest first; keep the nextCursor and send it " +
                "as after= to read on: no event is skipped or repeated, even one that commits late. Events are kept 30 days. Types: " + string.Join(", ", EventTypes.All) + ".")
            .ProducesErrors(400, 401, 403);

        var group = api.MapGroup("/webhooks").WithTags("Webhooks");

        group.MapPost("/", async (CreateWebhookCommand command, IMediator mediator, CancellationToken ct) =>
            {
                var created = await mediator.Send(command, ct);
                return TypedResults.Created($"{ApiEndpoints.BasePath}/webhooks/{created.Webhook.Id}", created);
            })
            .Named("CreateWebhook", "Create a webhook",
                "Admins only. The answer holds the signing secret (whsec_…), shown this once. Deliveries are signed as Standard Webhooks says (webhook-id, webhook-timestamp, webhook-signature).")
            .ProducesErrors(400, 401, 403);

        group.MapGet("/", async (IMediator mediator, CancellationToken ct, int page = 1, int pageSize = Paging.DefaultPageSize) =>
                TypedResults.Ok(await mediator.Send(new ListWebhooksQuery(page, pageSize), ct)))
            .Named("ListWebhooks", "List webhooks", "Admins only. Oldest first, with whether each is on and why Okr switched it off.")
            .ProducesErrors(400, 401, 403);

        group.MapGet("/{id:guid}", async (Guid id, IMediator mediator, HttpResponse response, CancellationToken ct) =>
            {
                var webhook = await mediator.Send(new GetWebhookQuery(id), ct);
                ETags.Set(response, webhook.Version);
                return TypedResults.Ok(webhook);
            })
            .ProducesETag()
            .Named("GetWebhook", "Get a webhook", "Admins only.")
            .ProducesErrors(401, 403, 404);

        group.MapPatch("/{id:guid}", async (Guid id, Patch<UpdateWebhookRequest> changes, IMediator mediator, HttpRequest request, HttpResponse response, CancellationToken ct) =>
            {
                var webhook = await mediator.Send(new UpdateWebhookCommand(id, ETags.RequireIfMatch(request), changes), ct);
                ETags.Set(response, webhook.Version);
                return TypedResults.Ok(webhook);
            })
            .RequiresIfMatch()
            .ProducesETag()
            .Named("UpdateWebhook", "Change a webhook", "Admins only. Send If-Match with the ETag you read. active: true switches it back on after Okr switched it off.")
            .ProducesErrors(400, 401, 403, 404, 409, 412, 428);

        group.MapDelete("/{id:guid}", async (Guid id, IMediator mediator, CancellationToken ct) =>
            {
                await mediator.Send(new DeleteWebhookCommand(id), ct);
                return TypedResults.NoContent();
            })
            .Named("DeleteWebhook", "Delete a webhook", "Admins only. Its deliveries stop and its delivery log goes with it.")
            .ProducesErrors(401, 403, 404);

        group.MapPost("/{id:guid}/rotate-secret", async (Guid id, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new RotateWebhookSecretCommand(id), ct)))
            .Named("RotateWebhookSecret", "Rotate a webhook's signing secret",
                "Admins only. The answer holds the new secret, shown this once; for 24 hours deliveries carry signatures with both, so the receiver can switch without missing one.")
            .ProducesErrors(401, 403, 404);

        group.MapGet("/{id:guid}/deliveries", async (Guid id, IMediator mediator, CancellationToken ct, QueryEnum<DeliveryStatus>? status, int page = 1, int pageSize = Paging.DefaultPageSize) =>
                TypedResults.Ok(await mediator.Send(new ListWebhookDeliveriesQuery(id, status?.Value, page, pageSize), ct)))
            .Describes(
                ("status", "Only deliveries in this state."))
            .Named("ListWebhookDeliveries", "List a webhook's deliveries",
                "Admins only. Newest first: status, attempts, the last answer's status code and time, what went wrong, and the start of the answer.")
            .ProducesErrors(400, 401, 403, 404);

        group.MapPost("/{id:guid}/deliveries/{deliveryId:guid}/redeliver", async (Guid id, Guid deliveryId, IMediator mediator, CancellationToken ct) =>
                TypedResults.Accepted($"{ApiEndpoints.BasePath}/webhooks/{id}/deliveries", await mediator.Send(new RedeliverWebhookDeliveryCommand(id, deliveryId), ct)))
            .Named("RedeliverWebhookDelivery", "Send a delivery again",
                "Admins only. Queues it now with a fresh retry schedule and the same webhook-id (receivers deduplicate by it). 422 (field active) while the webhook is off.")
            .ProducesErrors(401, 403, 404, 422);

        group.MapPost("/{id:guid}/test", async (Guid id, IMediator mediator, CancellationToken ct) =>
                TypedResults.Accepted($"{ApiEndpoints.BasePath}/webhooks/{id}/deliveries", await mediator.Send(new TestWebhookCommand(id), ct)))
            .Named("TestWebhook", "Send a test event",
                "Admins only. Queues a ping event for this webhook alone (it does not appear in GET /events); follow it in the deliveries.")
            .ProducesErrors(401, 403, 404);

        return api;
    }
}
