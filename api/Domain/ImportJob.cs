namespace Okr.Api.Domain;

/// <summary>
/// One bulk import: who sent it, how far it got, and its outcome. The Idempotency-Key of a successful import is kept
/// so that the same request sent again returns this outcome instead of running twice.
/// </summary>
public sealed class ImportJob
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public ImportFormat Format { get; init; }
    public bool DryRun { get; init; }

    /// <summary>Email an invitation to everyone the import creates (<c>invite=true</c>), once it has committed.</summary>
    public bool InvitePeople { get; init; }
    public ImportStatus Status { get; set; }

    /// <summary>The person or API client that sent it.</summary>
    /// <summary>Set when the job has just failed (not a dry run): its next save announces import.failed. Not stored.</summary>
    internal bool FailureToAnnounce { get; set; }

    public Guid ActorId { get; init; }

    public bool ActorIsClient { get; init; }
    public string? IdempotencyKey { get; set; }

    /// <summary>SHA-256 (hex) of the request body, to tell a true repeat from a different request under the same key.</summary>
    public string? BodyHash { get; set; }

    public long RecordsRead { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? StartedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }

    /// <summary>JSON: the counts of a successful import, or the problem of a failed one.</summary>
    public string? Outcome { get; set; }

    /// <summary>For an asynchronous import: the spooled request body waiting to be read.</summary>
    public string? SpoolPath { get; set; }
}
