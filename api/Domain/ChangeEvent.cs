namespace Okr.Api.Domain;

/// <summary>Who may read an event in <c>GET /events</c>: everyone the stream serves, or only readers of a draft or a conversation.</summary>
public enum EventAudience { Everyone, Draft, Conversation, Webhook }

/// <summary>
/// One change, as integrations hear about it (docs/events.md). Written in the same transaction as the change itself (a
/// transactional outbox), so an event exists exactly when its change was committed. <see cref="Sequence"/> is global and
/// may have gaps (a rolled-back transaction leaves one); readers page by (<see cref="TransactionId"/>, sequence), which never
/// skips an event that commits late.
/// </summary>
public sealed class ChangeEvent
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public long Sequence { get; init; }

    /// <summary>PostgreSQL's id of the writing transaction (xid8), set by the database.</summary>
    public ulong TransactionId { get; init; }

    /// <summary>"objective.created", "key_result.status_changed", …: see <see cref="EventTypes"/>.</summary>
    public required string Type { get; init; }
    public DateTimeOffset OccurredAt { get; init; }
    public Guid? ActorUserId { get; init; }
    public Guid? ActorClientId { get; init; }

    /// <summary>"objective", "key_result", "check_in", "period", "team", "user", "conversation", "comment", "import" or "webhook" (a ping).</summary>
    public required string SubjectType { get; init; }
    public Guid SubjectId { get; init; }

    /// <summary>The resource as GET shows it (without the caller's permissions); for deletions, its id and last version.</summary>
    public required string Data { get; init; }
    public EventAudience Audience { get; init; }
}

/// <summary>Every event type Okr emits, in one place: webhooks subscribe to these names, and nothing else is accepted.</summary>
public static class EventTypes
{
    public const string Ping = "ping";

    public static readonly IReadOnlyList<string> All =
    [
        "objective.created", "objective.updated", "objective.deleted", "objective.closed", "objective.carried_over", "objective.status_changed",
        "key_result.created", "key_result.updated", "key_result.deleted", "key_result.status_changed",
        "check_in.created",
        "period.created", "period.updated", "period.state_changed", "period.deleted",
        "team.created", "team.updated", "team.archived", "team.member_added", "team.member_updated", "team.member_removed",
        "user.created", "user.updated", "user.deactivated", "user.activated", "user.deleted",
        "conversation.scheduled", "conversation.held",
        "comment.created", "comment.updated", "comment.deleted",
        "import.succeeded", "import.failed",
    ];

    private static readonly HashSet<string> Known = [.. All];

    public static bool IsKnown(string type) => Known.Contains(type);
}

/// <summary>
/// The status a key result was last announced in (by <c>key_result.status_changed</c>, or first seen): what the next
/// status is compared with. Kept apart from the key result so that announcing never changes its version (ETag).
/// </summary>
public sealed class AnnouncedStatus
{
    public Guid KeyResultId { get; init; }
    public Status Status { get; set; }
}

/// <summary>The status an objective was last announced in (<c>objective.status_changed</c>), as <see cref="AnnouncedStatus"/> for key results.</summary>
public sealed class AnnouncedObjectiveStatus
{
    public Guid ObjectiveId { get; init; }
    public Status Status { get; set; }
}
