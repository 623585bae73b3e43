namespace Okr.Api.Domain;

/// <summary>
/// A comment on an objective or one of its key results (docs/notifications.md): plain text, with the people it mentions.
/// Whoever may read the objective reads its comments (a draft's follow the draft); its author edits and deletes it.
/// </summary>
public sealed class Comment : IAudited
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    /// <summary>The objective the thread belongs to (also for a key result's comment: visibility is the objective's).</summary>
    public Guid ObjectiveId { get; init; }

    /// <summary>The key result it is about, when it is on a key result's thread.</summary>
    public Guid? KeyResultId { get; init; }

    public Guid AuthorId { get; init; }

    /// <summary>Plain text, 1..10,000 characters; a mention reads "@Display Name" in it.</summary>
    public required string Text { get; set; }

    /// <summary>The people it mentions (each notified once, when first mentioned).</summary>
    public List<Guid> Mentions { get; set; } = [];

    /// <summary>When the author last changed the text; null when never.</summary>
    public DateTimeOffset? EditedAt { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public Guid? CreatedBy { get; set; }
    public DateTimeOffset ModifiedAt { get; set; }
    public Guid? ModifiedBy { get; set; }
    public uint Version { get; set; }
}
