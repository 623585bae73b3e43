using Mediator;
using Microsoft.EntityFrameworkCore;
using Okr.Api.Domain;
using Okr.Api.Infrastructure.Auth;
using Okr.Api.Infrastructure.Errors;
using Okr.Api.Infrastructure.Persistence;

namespace Okr.Api.Features.Webhooks;

/// <summary>Sends a delivery again now (after it succeeded, died, or while it waits for a retry), with the same webhook-id.</summary>
public sealed record RedeliverWebhookDeliveryCommand(Guid WebhookId, Guid DeliveryId) : ICommand<WebhookDeliveryDto>;

public sealed class RedeliverWebhookDeliveryCommandHandler(OkrDbContext db, AccessPolicy access, TimeProvider clock) : ICommandHandler<RedeliverWebhookDeliveryCommand, WebhookDeliveryDto>
{
    public async ValueTask<WebhookDeliveryDto> Handle(RedeliverWebhookDeliveryCommand command, CancellationToken cancellationToken)
    {
        access.EnsureAdmin("manage webhooks");
        var delivery = await db.WebhookDeliveries.SingleOrDefaultAsync(d => d.Id == command.DeliveryId && d.WebhookId == command.WebhookId, cancellationToken)
                       ?? throw new NotFoundException("Delivery", command.DeliveryId);
        var webhook = await db.Webhooks.AsNoTracking().SingleAsync(w => w.Id == command.WebhookId, cancellationToken);
        if (!webhook.Active)
        {
            throw new DomainRuleException("active", "The webhook is switched off: switch it on (PATCH active: true) to deliver again.");
        }

        // A fresh start: the retry schedule and its 24-hour window count from now.
        delivery.Status = DeliveryStatus.Pending;
        delivery.Attempts = 0;
        delivery.NextAttemptAt = clock.GetUtcNow();
        delivery.ClaimedUntil = null;
        await db.SaveChangesAsync(cancellationToken);
        await db.Database.ExecuteSqlAsync($"UPDATE webhook_deliveries SET created_at = clock_timestamp(), next_attempt_at = clock_timestamp() WHERE id = {delivery.Id}", cancellationToken);
        return await WebhookDeliveries.GetAsync(db, delivery.Id, cancellationToken);
    }
}
