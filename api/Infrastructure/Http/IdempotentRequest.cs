namespace Okr.Api.Infrastructure.Http;

/// <summary>
/// The remembered answer to a create request sent with an Idempotency-Key: stored in the same transaction as what the
/// request created, so a retry after a lost answer gets this answer back instead of creating the thing twice.
/// Kept <see cref="IdempotencyFilter.KeepFor"/> (24 hours) per caller and key.
/// </summary>
public sealed class IdempotentRequest
{
    /// <summary>The person or API client that sent it: keys are per caller.</summary>
    public Guid ActorId { get; init; }

    public required string Key { get; init; }

    /// <summary>SHA-256 of method, path and body: the same key with another request is refused (422).</summary>
    public required string RequestHash { get; init; }

    public DateTimeOffset CreatedAt { get; init; }
    public int Status { get; set; }
    public string? ContentType { get; set; }
    public string? Location { get; set; }
    public string? ETag { get; set; }
    public byte[] Body { get; set; } = [];
}
