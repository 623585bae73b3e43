namespace Okr.Api.Domain;

/// <summary>One measurement of a key result. History: never changed once written.</summary>
public sealed class CheckIn
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid KeyResultId { get; init; }
    public decimal Value { get; init; }
    public int Confidence { get; init; }
    public string? Note { get; init; }
    public DateTimeOffset MeasuredAt { get; init; }
    public Guid? AuthorId { get; init; }

    /// <summary>The API client that recorded it, when an integration did.</summary>
    public Guid? ApiClientId { get; init; }
    public CheckInSource Source { get; init; }
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>
    /// A note as it is kept, however the check-in arrives (app, API, import): without the spaces and line breaks around it;
    /// a note of only spaces is no note.
    /// </summary>
    public static string? CleanNote(string? note) => string.IsNullOrWhiteSpace(note) ? null : note.Trim();
}
