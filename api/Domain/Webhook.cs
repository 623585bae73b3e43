namespace Okr.Api.Domain;

/// <summary>
/// A subscription: Okr POSTs the events of <see cref="EventTypes"/> to <see cref="Url"/>, signed as the Standard Webhooks
/// specification says (docs/events.md). Admins manage them; the signing secret is stored encrypted (ASP.NET Core Data
/// Protection) and shown once, when it is made.
/// </summary>
public sealed class Webhook : IAudited
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public required string Url { get; set; }
    public string? Description { get; set; }
    public string[] EventTypes { get; set; } = [];
    public bool Active { get; set; } = true;

    /// <summary>The signing secret (whsec_…), encrypted.</summary>
    public required string SecretProtected { get; set; }

    /// <summary>The secret before the last rotation, still signing alongside the new one until <see cref="PreviousSecretExpiresAt"/>.</summary>
    public string? PreviousSecretProtected { get; set; }
    public DateTimeOffset? PreviousSecretExpiresAt { get; set; }

    /// <summary>Since when every attempt has failed; null after a success. Three days of it disables the subscription.</summary>
    public DateTimeOffset? FailingSince { get; set; }

    /// <summary>Why Okr turned it off (a 410, or three days of failures); null when an admin did, or while it is on.</summary>
    public string? DisabledReason { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public Guid? CreatedBy { get; set; }
    public DateTimeOffset ModifiedAt { get; set; }
    public Guid? ModifiedBy { get; set; }
    public uint Version { get; set; }
}

/// <summary>Where one delivery stands: pending (not yet tried), retrying (failed, tried again later), succeeded (a 2xx), dead (gave up).</summary>
public enum DeliveryStatus { Pending, Retrying, Succeeded, Dead }

/// <summary>One event on its way to one webhook, with what happened on its last attempt.</summary>
public sealed class WebhookDelivery
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid WebhookId { get; init; }
    public Guid EventId { get; init; }

    /// <summary>The event's subject: deliveries of one subject go out in the order of their events.</summary>
    public Guid SubjectId { get; init; }
    public long EventSequence { get; init; }
    public DeliveryStatus Status { get; set; }
    public int Attempts { get; set; }
    public DateTimeOffset NextAttemptAt { get; set; }

    /// <summary>A worker holds it until then; after a crash another worker takes it again.</summary>
    public DateTimeOffset? ClaimedUntil { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? LastAttemptAt { get; set; }
    public int? LastStatusCode { get; set; }

    /// <summary>What went wrong on the last attempt, in words ("timed out after 10 s"); null after a success.</summary>
    public string? LastError { get; set; }

    /// <summary>The first characters of the receiver's last answer.</summary>
    public string? ResponseSnippet { get; set; }
}
