using Okr.Api.Domain;

namespace Okr.Api.Features.Comments;

/// <summary>What an entry of a thread is: a comment, or a check-in (its value, confidence and note) in the same story.</summary>
public enum ThreadEntryKind { Comment, CheckIn }

/// <summary>A person a comment mentions, with the name to render for "@…".</summary>
/// <param name="Id">Their user id.</param>
/// <param name="DisplayName">Their name now.</param>
public sealed record MentionDto(Guid Id, string DisplayName);

/// <summary>What the caller may do with a comment (always false for check-ins, which are changed by none).</summary>
/// <param name="CanEdit">Its author may change the text and mentions.</param>
/// <param name="CanDelete">Its author and admins may delete it.</param>
public sealed record CommentPermissions(bool CanEdit, bool CanDelete);

/// <summary>One entry of an objective's or key result's thread, oldest first.</summary>
/// <param name="Id">The comment's or check-in's id.</param>
/// <param name="Kind">comment or check_in.</param>
/// <param name="ObjectiveId">The objective the thread belongs to.</param>
/// <param name="KeyResultId">The key result it is about; null for the objective's own thread.</param>
/// <param name="AuthorId">Who wrote it; null for a check-in by an integration or import.</param>
/// <param name="Text">The comment (plain text, up to 10,000 characters), or the check-in's note (null without one).</param>
/// <param name="Mentions">The people the comment mentions, with their names now (empty for check-ins).</param>
/// <param name="CreatedAt">When it was written.</param>
/// <param name="EditedAt">When its author last changed it; null when never (and for check-ins).</param>
/// <param name="Version">A comment's version (its ETag, for If-Match on PATCH); null for check-ins.</param>
/// <param name="Value">A check-in's value; null for comments.</param>
/// <param name="Confidence">A check-in's confidence, 0..10; null for comments.</param>
/// <param name="Permissions">What the caller may do with it.</param>
public sealed record ThreadEntryDto(
    Guid Id, ThreadEntryKind Kind, Guid ObjectiveId, Guid? KeyResultId, Guid? AuthorId, string? Text, IReadOnlyList<MentionDto> Mentions,
    DateTimeOffset CreatedAt, DateTimeOffset? EditedAt, uint? Version, decimal? Value, int? Confidence, CommentPermissions Permissions);

/// <summary>A new comment.</summary>
/// <param name="Text">Plain text, 1..10,000 characters (surrounding white space is trimmed); write a mention as "@Display Name".</param>
/// <param name="Mentions">The people it mentions (at most 50, each someone who may read the objective: 422 naming mentions[i] otherwise); each is notified once.</param>
public sealed record CreateCommentRequest(string Text, IReadOnlyList<Guid>? Mentions = null);

/// <summary>A change to your own comment; absent fields stay.</summary>
/// <param name="Text">The new text, as for a new comment.</param>
/// <param name="Mentions">The new mentions (replacing the old ones); only people not mentioned before are notified.</param>
public sealed record UpdateCommentRequest(string? Text = null, IReadOnlyList<Guid>? Mentions = null);
