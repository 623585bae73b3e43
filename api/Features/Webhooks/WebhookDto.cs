using Okr.Api.Domain;

namespace Okr.Api.Features.Webhooks;

/// <summary>A webhook subscription. The signing secret is shown only when it is made (create, rotate).</summary>
/// <param name="Id">Identifier.</param>
/// <param name="Url">Where events are POSTed: https (http only for hosts the server allows).</param>
/// <param name="Description">What it is for; null when none.</param>
/// <param name="EventTypes">The event types it receives (see GET /events for the list), at least one.</param>
/// <param name="Active">False when switched off, by an admin or by Okr (see disabledReason): it receives no new events, and deliveries already queued wait until it is on again.</param>
/// <param name="DisabledReason">Why Okr switched it off (the receiver answered 410 Gone, or every delivery failed for 3 days); null otherwise.</param>
/// <param name="FailingSince">Since when every attempt has failed; null while deliveries succeed.</param>
/// <param name="PreviousSecretExpiresAt">Until when the secret before the last rotation still signs alongside the new one; null when none does.</param>
/// <param name="Version">Concurrency version; also sent as the ETag.</param>
/// <param name="CreatedAt">When it was made.</param>
/// <param name="ModifiedAt">When it last changed.</param>
public sealed record WebhookDto(
    Guid Id, string Url, string? Description, IReadOnlyList<string> EventTypes, bool Active, string? DisabledReason, DateTimeOffset? FailingSince,
    DateTimeOffset? PreviousSecretExpiresAt, uint Version, DateTimeOffset CreatedAt, DateTimeOffset ModifiedAt)
{
    public static WebhookDto From(Webhook w) =>
        new(w.Id, w.Url, w.Description, w.EventTypes, w.Active, w.DisabledReason, w.FailingSince, w.PreviousSecretExpiresAt, w.Version, w.CreatedAt, w.ModifiedAt);
}

/// <summary>A webhook with its signing secret, shown this once.</summary>
/// <param name="Webhook">The subscription.</param>
/// <param name="Secret">The signing secret (whsec_…): give it to the receiver to verify webhook-signature. Only an encrypted copy is kept.</param>
public sealed record WebhookWithSecretDto(WebhookDto Webhook, string Secret);

/// <summary>One event on its way to a webhook.</summary>
/// <param name="Id">Identifier (redeliver it with this).</param>
/// <param name="EventId">The event; also the webhook-id header, the same on every attempt, so receivers deduplicate by it.</param>
/// <param name="EventType">The event's type (ping for a test).</param>
/// <param name="SubjectId">The event's subject: deliveries of one subject go out in order.</param>
/// <param name="Status">pending (not yet tried), retrying (failed, tried again at nextAttemptAt), succeeded (a 2xx answer) or dead (given up: see lastError).</param>
/// <param name="Attempts">Attempts made so far.</param>
/// <param name="NextAttemptAt">When it is tried next, while pending or retrying.</param>
/// <param name="LastAttemptAt">When it was last tried; null before the first attempt.</param>
/// <param name="LastStatusCode">The HTTP status of the last answer; null when there was none (timeout, refused connection).</param>
/// <param name="LastError">What went wrong on the last attempt, in words; null after a success.</param>
/// <param name="ResponseSnippet">The first 1,000 characters of the last answer's body.</param>
/// <param name="CreatedAt">When the event was queued for this webhook.</param>
public sealed record WebhookDeliveryDto(
    Guid Id, Guid EventId, string EventType, Guid SubjectId, DeliveryStatus Status, int Attempts, DateTimeOffset? NextAttemptAt, DateTimeOffset? LastAttemptAt,
    int? LastStatusCode, string? LastError, string? ResponseSnippet, DateTimeOffset CreatedAt);
