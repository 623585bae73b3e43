using Mediator;
using Okr.Api.Infrastructure.Http;
using Okr.Api.Infrastructure.OpenApi;

namespace Okr.Api.Features.Notifications;

/// <summary>Your inbox and its settings, and teams' chat channels (docs/notifications.md).</summary>
public static class NotificationsEndpoints
{
    private const string Yours = "Your own (people only: API clients 403).";

    public static RouteGroupBuilder MapNotificationsEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/notifications").WithTags("Notifications");

        group.MapGet("/", async (IMediator mediator, CancellationToken ct, bool unread = false, int page = 1, int pageSize = Paging.DefaultPageSize) =>
                TypedResults.Ok(await mediator.Send(new ListNotificationsQuery(unread, page, pageSize), ct)))
            .Describes(
                ("unread", "true: only the unread ones."))
            .Named("ListNotifications", "Your inbox", $"Newest first; unread=true keeps the unread ones. {Yours}")
            .ProducesErrors(400, 401, 403);

        group.MapGet("/unread-count", async (IMediator mediator, CancellationToken ct) => TypedResults.Ok(await mediator.Send(new GetUnreadNotificationCountQuery(), ct)))
            .Named("GetUnreadNotificationCount", "How many are unread", $"The bell's number; cheap to poll. {Yours}")
            .ProducesErrors(401, 403);

        group.MapPost("/{id:guid}/read", async (Guid id, IMediator mediator, CancellationToken ct) => TypedResults.Ok(await mediator.Send(new MarkNotificationReadCommand(id), ct)))
            .Named("MarkNotificationRead", "Mark one read", $"Idempotent: the first readAt stays. 404 for anyone else's. {Yours}")
            .ProducesErrors(401, 403, 404);

        group.MapPost("/read-all", async (IMediator mediator, CancellationToken ct) => TypedResults.Ok(await mediator.Send(new MarkAllNotificationsReadCommand(), ct)))
            .Named("MarkAllNotificationsRead", "Mark all read", $"Every unread one, in one step; answers how many. {Yours}")
            .ProducesErrors(401, 403);

        api.MapGet("/users/me/notification-settings", async (IMediator mediator, CancellationToken ct) => TypedResults.Ok(await mediator.Send(new GetNotificationSettingsQuery(), ct)))
            .WithTags("Notifications")
            .Named("GetNotificationSettings", "Your notification settings",
                $"Every kind with where it reaches you (in app, email off|immediately|daily, chat), the weekly digest, your own chat channel (its host only). {Yours}")
            .ProducesErrors(401, 403);

        api.MapPatch("/users/me/notification-settings", async (Patch<UpdateNotificationSettingsRequest> changes, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new UpdateNotificationSettingsCommand(changes), ct)))
            .WithTags("Notifications")
            .Named("UpdateNotificationSettings", "Change your notification settings",
                "Partial: kinds lists only the kinds to change (400 for an unknown kind or one listed twice); chat {kind, url} connects your own Slack or Teams " +
                "incoming webhook, replacing the one before (400 naming chat.url when the URL breaks the webhooks' rules); " +
                $"chat on for a kind without a channel is 422 naming kinds[i].chat. {Yours}")
            .ProducesErrors(400, 401, 403, 422);

        api.MapDelete("/users/me/notification-settings/chat", async (IMediator mediator, CancellationToken ct) => TypedResults.Ok(await mediator.Send(new DeletePersonalChatCommand(), ct)))
            .WithTags("Notifications")
            .Named("DeletePersonalChat", "Disconnect your own chat", $"Removes your chat channel and turns chat off for every kind; answers the settings. {Yours}")
            .ProducesErrors(401, 403);

        return api;
    }

    public static RouteGroupBuilder MapChatChannelsEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/teams/{id:guid}/chat-channels").WithTags("Teams");
        const string Who = "Admins and the team's leads (403 otherwise).";

        group.MapGet("/", async (Guid id, IMediator mediator, CancellationToken ct) => TypedResults.Ok(await mediator.Send(new ListChatChannelsQuery(id), ct)))
            .Named("ListChatChannels", "A team's chat channels", $"With the last post's outcome. {Who}")
            .ProducesErrors(401, 403, 404);

        group.MapPost("/", async (Guid id, CreateChatChannelRequest channel, IMediator mediator, CancellationToken ct) =>
            {
                var created = await mediator.Send(new CreateChatChannelCommand(id, channel), ct);
                return TypedResults.Created($"{ApiEndpoints.BasePath}/teams/{id}/chat-channels/{created.Id}", created);
            })
            .Named("CreateChatChannel", "Connect a team to Slack or Teams",
                "An incoming-webhook URL (kind slack: Block Kit messages; teams: Adaptive Cards). The team's status changes (behind, at risk), a weekly summary of due " +
                "check-ins and period openings and closings are posted there with links into the app. The URL must pass the webhooks' rules (https, no private " +
                $"address unless Okr__Webhooks__AllowedHosts allows the host: 400 naming url) and is stored encrypted. 422 for an archived team. {Who}")
            .ProducesErrors(400, 401, 403, 404, 422)
            .WithIdempotency();

        group.MapDelete("/{channelId:guid}", async (Guid id, Guid channelId, IMediator mediator, CancellationToken ct) =>
            {
                await mediator.Send(new DeleteChatChannelCommand(id, channelId), ct);
                return TypedResults.NoContent();
            })
            .Named("DeleteChatChannel", "Disconnect a chat channel", $"Messages not yet posted are dropped. {Who}")
            .ProducesErrors(401, 403, 404);

        group.MapPost("/{channelId:guid}/test", async (Guid id, Guid channelId, IMediator mediator, CancellationToken ct) =>
                TypedResults.Accepted((string?)null, await mediator.Send(new TestChatChannelCommand(id, channelId), ct)))
            .Named("TestChatChannel", "Post a test message", $"Queued at once; the channel's lastPostedAt or lastError tells how it went. {Who}")
            .ProducesErrors(401, 403, 404);

        return api;
    }
}
