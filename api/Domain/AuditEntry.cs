namespace Okr.Api.Domain;

/// <summary>Who created and last changed an entity, and when. Set on every save, from the signed-in person or API client.</summary>
public interface IAudited
{
    DateTimeOffset CreatedAt { get; set; }
    Guid? CreatedBy { get; set; }
    DateTimeOffset ModifiedAt { get; set; }
    Guid? ModifiedBy { get; set; }
}

/// <summary>One write, as the audit log keeps it: who (a person or an API client), when, what, and the fields that changed.</summary>
public sealed class AuditEntry
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public DateTimeOffset At { get; init; }
    public Guid? ActorUserId { get; init; }
    public Guid? ActorClientId { get; init; }
    public required string EntityType { get; init; }
    public Guid EntityId { get; init; }

    /// <summary>The objective a key result or check-in belongs to, so an objective's history includes them.</summary>
    public Guid? ObjectiveId { get; init; }

    public AuditAction Action { get; init; }

    /// <summary>JSON object: field → { "old": …, "new": … }.</summary>
    public required string Changes { get; init; }

    /// <summary>The import that wrote it, when a bulk import did.</summary>
    public Guid? ImportId { get; init; }
}
