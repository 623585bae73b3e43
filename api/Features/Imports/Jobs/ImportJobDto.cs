using System.Text.Json;
using Okr.Api.Domain;

namespace Okr.Api.Features.Imports;

/// <summary>What an import did (or, in a dry run, would do) to one kind of entity.</summary>
/// <param name="Created">New rows.</param>
/// <param name="Updated">Existing rows whose values changed.</param>
/// <param name="Unchanged">Rows in the file that were already exactly so.</param>
public sealed record EntityCounts(int Created, int Updated, int Unchanged)
{
    public static readonly EntityCounts None = new(0, 0, 0);
}

/// <summary>Counts per kind of entity.</summary>
public sealed class ImportCounts
{
    public EntityCounts Teams { get; set; } = EntityCounts.None;
    public EntityCounts Users { get; set; } = EntityCounts.None;

    /// <summary>People's places in teams.</summary>
    public EntityCounts Memberships { get; set; } = EntityCounts.None;

    public EntityCounts Periods { get; set; } = EntityCounts.None;
    public EntityCounts Objectives { get; set; } = EntityCounts.None;
    public EntityCounts KeyResults { get; set; } = EntityCounts.None;
    public EntityCounts CheckIns { get; set; } = EntityCounts.None;
}

/// <summary>Why an import was refused: every error found (the first 1,000 listed), nothing written.</summary>
/// <param name="Title">Short summary.</param>
/// <param name="Detail">What to do about it.</param>
/// <param name="ErrorCount">How many errors were found in all.</param>
/// <param name="Errors">The errors, in file order.</param>
public sealed record ImportProblem(string Title, string Detail, int ErrorCount, IReadOnlyList<ImportError> Errors);

/// <summary>How an import ended: counts when it succeeded, the problem when it did not.</summary>
internal sealed record ImportOutcome(ImportCounts? Counts, ImportProblem? Problem, long DurationMs, long RecordsRead)
{
    public string ToJson(JsonSerializerOptions options) => JsonSerializer.Serialize(this, options);

    public static ImportOutcome? FromJson(string? json, JsonSerializerOptions options) =>
        json is null ? null : JsonSerializer.Deserialize<ImportOutcome>(json, options);
}

/// <summary>An import: its status, and when it has finished its counts (or problem) and duration.</summary>
/// <param name="Id">Identifier; poll GET /api/v1/imports/{id} for an asynchronous import.</param>
/// <param name="Status">queued, running, succeeded or failed.</param>
/// <param name="Format">json or csv.</param>
/// <param name="DryRun">True when it only checked and reported, writing nothing.</param>
/// <param name="CreatedAt">When it was received.</param>
/// <param name="StartedAt">When reading started.</param>
/// <param name="FinishedAt">When it ended.</param>
/// <param name="DurationMs">Milliseconds from reading the first byte to the end of the merge.</param>
/// <param name="RecordsRead">CSV rows or JSON elements read so far: progress while it runs.</param>
/// <param name="Counts">Created, updated and unchanged per kind of entity; null until it succeeds.</param>
/// <param name="Problem">Why it failed; null unless it did.</param>
public sealed record ImportJobDto(
    Guid Id, ImportStatus Status, ImportFormat Format, bool DryRun, DateTimeOffset CreatedAt, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt,
    long? DurationMs, long RecordsRead, ImportCounts? Counts, ImportProblem? Problem)
{
    internal static ImportJobDto From(ImportJob job, JsonSerializerOptions options)
    {
        var outcome = ImportOutcome.FromJson(job.Outcome, options);
        return new ImportJobDto(job.Id, job.Status, job.Format, job.DryRun, job.CreatedAt, job.StartedAt, job.FinishedAt, outcome?.DurationMs,
            job.RecordsRead, outcome?.Counts, outcome?.Problem);
    }
}

/// <summary>The import was refused (422): the problem lists every error.</summary>
public sealed class ImportRejectedException(Guid importId, ImportProblem problem) : Exception(problem.Detail)
{
    public Guid ImportId { get; } = importId;
    public ImportProblem Problem { get; } = problem;
}
