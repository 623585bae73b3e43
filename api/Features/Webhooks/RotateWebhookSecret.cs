using Mediator;
using Microsoft.EntityFrameworkCore;
using Okr.Api.Infrastructure.Auth;
using Okr.Api.Infrastructure.Errors;
using Okr.Api.Infrastructure.Persistence;

namespace Okr.Api.Features.Webhooks;

/// <summary>A new signing secret; the one before it keeps signing alongside it for 24 hours, so receivers can switch without losing a delivery.</summary>
public sealed record RotateWebhookSecretCommand(Guid Id) : ICommand<WebhookWithSecretDto>;

public sealed class RotateWebhookSecretCommandHandler(OkrDbContext db, AccessPolicy access, WebhookSecrets secrets, TimeProvider clock)
    : ICommandHandler<RotateWebhookSecretCommand, WebhookWithSecretDto>
{
    public async ValueTask<WebhookWithSecretDto> Handle(RotateWebhookSecretCommand command, CancellationToken cancellationToken)
    {
        access.EnsureAdmin("manage webhooks");
        var webhook = await db.Webhooks.SingleOrDefaultAsync(w => w.Id == command.Id, cancellationToken) ?? throw new NotFoundException("Webhook", command.Id);
        var secret = WebhookSecrets.NewSecret();
        webhook.PreviousSecretProtected = webhook.SecretProtected;
        webhook.PreviousSecretExpiresAt = clock.GetUtcNow() + WebhookSecrets.RotationOverlap;
        webhook.SecretProtected = secrets.Protect(secret);
        await db.SaveChangesAsync(cancellationToken);
        return new WebhookWithSecretDto(WebhookDto.From(webhook), secret);
    }
}
