using System.Text.Json;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Okr.Api.Domain;
using Okr.Api.Infrastructure.Auth;
using Okr.Api.Infrastructure.Errors;
using Okr.Api.Infrastructure.Persistence;

namespace Okr.Api.Features.Webhooks;

/// <summary>Queues a ping event for this webhook only (it never appears in GET /events), to check the receiver and its signature check.</summary>
public sealed record TestWebhookCommand(Guid Id) : ICommand<WebhookDeliveryDto>;

public sealed class TestWebhookCommandHandler(OkrDbContext db, AccessPolicy access, ICurrentUser user, TimeProvider clock) : ICommandHandler<TestWebhookCommand, WebhookDeliveryDto>
{
    public async ValueTask<WebhookDeliveryDto> Handle(TestWebhookCommand command, CancellationToken cancellationToken)
    {
        access.EnsureAdmin("manage webhooks");
        var webhook = await db.Webhooks.AsNoTracking().SingleOrDefaultAsync(w => w.Id == command.Id, cancellationToken) ?? throw new NotFoundException("Webhook", command.Id);
        var now = clock.GetUtcNow();
        var ping = new ChangeEvent
        {
            Type = EventTypes.Ping, OccurredAt = now, ActorUserId = user.UserId, ActorClientId = user.ClientId,
            SubjectType = "webhook", SubjectId = webhook.Id, Audience = EventAudience.Webhook,
            Data = JsonSerializer.Serialize(new { webhookId = webhook.Id, message = "A test from Okr: if you can read this, deliveries reach you." }),
        };
        db.Events.Add(ping);
        await db.SaveChangesAsync(cancellationToken);
        var delivery = new WebhookDelivery
        {
            WebhookId = webhook.Id, EventId = ping.Id, SubjectId = webhook.Id, EventSequence = ping.Sequence,
            Status = DeliveryStatus.Pending, NextAttemptAt = now, CreatedAt = now,
        };
        db.WebhookDeliveries.Add(delivery);
        await db.SaveChangesAsync(cancellationToken);
        return await WebhookDeliveries.GetAsync(db, delivery.Id, cancellationToken);
    }
}
