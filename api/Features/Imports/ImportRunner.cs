using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Npgsql;
using Okr.Api.Domain;
using Okr.Api.Infrastructure.Auth;
using Okr.Api.Infrastructure.Errors;
using Okr.Api.Infrastructure.Persistence;

namespace Okr.Api.Features.Imports;

/// <summary>Settings under Okr:Imports.</summary>
public sealed class ImportOptions
{
    /// <summary>Largest request body an import accepts (413 beyond). Default 512 MiB.</summary>
    public long MaxBytes { get; set; } = 512L * 1024 * 1024;

    /// <summary>Where asynchronous imports wait to be read. Default: okr-imports in the system's temp folder.</summary>
    public string? SpoolDirectory { get; set; }

    public string Spool => SpoolDirectory ?? Path.Combine(Path.GetTempPath(), "okr-imports");
}

/// <summary>
/// Runs one import in one transaction: stream the body into staging tables, merge teams, people and periods, resolve
/// and check the OKRs, then write them set-based. Any error rolls everything back, and so does a dry run; a failure of
/// the database midway leaves nothing behind, because nothing is committed before the end. Imports run one at a time
/// (an advisory lock), so two files never interleave.
/// </summary>
public sealed class ImportRunner(OkrDbContext db, ImportInvitations invitations, TimeProvider clock, IOptions<JsonOptions> jsonOptions, IMemoryCache cache, ILogger<ImportRunner> logger)
{
    private const long ImportLock = 0x4f4b52_494d50; // "OKR" "IMP"

    internal async Task<ImportOutcome> RunAsync(ImportJob job, Stream body, Func<long, Task>? progress, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        var errors = new ImportErrorList();
        var sink = new ImportSink(errors, job.Format, clock);
        var actor = new ImportActor(job.ActorId, job.ActorIsClient);

        // A connection of its own, outside the pool: its staging tables get room in memory (temp_buffers, 8 MB by
        // default, would spill them to disk and slow every statement), and that memory goes when the import ends.
        var settings = new NpgsqlConnectionStringBuilder(db.Database.GetConnectionString()) { Pooling = false };
        settings.Options = $"{settings.Options} -c temp_buffers=256MB".Trim();
        await using var connection = new NpgsqlConnection(settings.ConnectionString);
        await connection.OpenAsync(ct);
        try
        {
            await using var transaction = await connection.BeginTransactionAsync(ct);
            var sql = new ImportSql(connection, transaction, actor, job.Id, clock.GetUtcNow(), db.Model);
            await sql.ExecuteAsync($"SELECT pg_advisory_xact_lock({ImportLock})", ct);

            var okrs = new OkrMerge(sql);
            await okrs.CreateStagingAsync(ct);

            async Task Flush()
            {
                await okrs.StageAsync(sink.Pending, ct);
                sink.Pending.Clear();
                if (progress is not null) await progress(sink.RecordsRead);
            }

            if (job.Format == ImportFormat.Json) await new JsonImportReader(sink, jsonOptions.Value.SerializerOptions).ReadAsync(body, Flush, ct);
            else await new CsvImportReader(sink).ReadAsync(body, Flush, ct);

            var phases = new PhaseTimer(started);
            phases.Done("read and stage");
            var counts = new ImportCounts();
            var organisation = new OrganisationMerge(sql, sink, actor);
            await organisation.ApplyAsync(counts, ct);
            phases.Done("teams, people, periods");
            await okrs.ResolveAsync(ct);
            phases.Done("resolve");
            await okrs.CheckAsync(errors, sink.FieldName, ct);
            await new AlignmentCheck(sql).CheckAsync(errors, sink.FieldName, ct);
            await new DefinitionCheck(sql).CheckAsync(errors, sink.FieldName, ct);
            phases.Done("check");

            if (errors.Count > 0)
            {
                await transaction.RollbackAsync(ct);
                var listed = errors.Count > ImportErrorList.Limit ? $" The first {ImportErrorList.Limit} are listed." : "";
                return new ImportOutcome(null, new ImportProblem(
                    errors.Count == 1 ? "The import has 1 error." : $"The import has {errors.Count} errors.",
                    $"Nothing was imported. Fix every listed error and send the file again.{listed}",
                    errors.Count, errors.Sorted()), Elapsed(started), sink.RecordsRead);
            }

            await okrs.ApplyAsync(counts, ct);
            phases.Done("merge");
            var outcome = new ImportOutcome(counts, null, Elapsed(started), sink.RecordsRead);
            if (job.DryRun)
            {
                await transaction.RollbackAsync(ct);
            }
            else
            {
                // The job says "succeeded" in the same commit as the data: never imported-but-marked-failed, or the reverse.
                await sql.ExecuteAsync("""
                    UPDATE import_jobs SET status = 'succeeded', records_read = @records, finished_at = @finished, outcome = @outcome::jsonb,
                                           body_hash = coalesce(@hash, body_hash), spool_path = NULL
                    WHERE id = @import
                    """, ct,
                    new NpgsqlParameter("records", sink.RecordsRead),
                    new NpgsqlParameter("finished", NpgsqlTypes.NpgsqlDbType.TimestampTz) { Value = clock.GetUtcNow() },
                    new NpgsqlParameter("outcome", outcome.ToJson(jsonOptions.Value.SerializerOptions)),
                    new NpgsqlParameter("hash", NpgsqlTypes.NpgsqlDbType.Text) { Value = (object?)(body as ImportBodyStream)?.Hash ?? DBNull.Value });
                await AnnounceAsync(sql, job, outcome, ct);
                await transaction.CommitAsync(ct);
                foreach (var person in organisation.SessionsEnded) SessionValidator.Forget(cache, isClient: false, person);
                if (job.InvitePeople)
                {
                    var invited = await invitations.SendAsync(job, ct);
                    logger.LogInformation("Import {ImportId}: invitations emailed to {Count} new people", job.Id, invited);
                }
            }

            phases.Done(job.DryRun ? "roll back (dry run)" : "commit");
            logger.LogInformation("Import {ImportId}: {Records} records in {Phases}", job.Id, sink.RecordsRead, phases);
            return outcome;
        }
        catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.CharacterNotInRepertoire or PostgresErrorCodes.UntranslatableCharacter)
        {
            throw new BadRequestFieldException("body", "Text must not contain NUL (\\u0000) characters.");
        }
        catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.UniqueViolation or PostgresErrorCodes.ForeignKeyViolation)
        {
            // Someone changed the organisation between the checks and the writes (a key taken, a referenced row deleted).
            throw new ConflictException("The organisation changed while the import ran (someone created or deleted something it refers to). " +
                                        "Nothing was imported; send it again.");
        }
        finally
        {
            await connection.CloseAsync();
        }
    }

    /// <summary>
    /// import.succeeded, in the import's own transaction (the outbox rule: the event commits with the data). One event
    /// for the whole import, with its counts, rather than one per row: integrations re-read what changed (docs/events.md).
    /// </summary>
    private async Task AnnounceAsync(ImportSql sql, ImportJob job, ImportOutcome outcome, CancellationToken ct)
    {
        var finished = clock.GetUtcNow();
        var dto = new ImportJobDto(job.Id, ImportStatus.Succeeded, job.Format, false, job.CreatedAt, job.StartedAt ?? job.CreatedAt, finished, outcome.DurationMs,
            outcome.RecordsRead, outcome.Counts, null);
        await sql.ExecuteAsync("""
            INSERT INTO events (id, type, occurred_at, actor_user_id, actor_client_id, subject_type, subject_id, data, audience)
            VALUES (@id, 'import.succeeded', @now, @user, @client, 'import', @import, @data::jsonb, 'everyone')
            """, ct,
            new NpgsqlParameter("id", Guid.CreateVersion7()),
            new NpgsqlParameter("data", JsonSerializer.Serialize(dto, jsonOptions.Value.SerializerOptions)));
    }

    private static long Elapsed(long started) => (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds;

    /// <summary>Milliseconds per phase, for the log: where a slow import spends its time.</summary>
    private sealed class PhaseTimer(long started)
    {
        private readonly List<string> _phases = [];
        private long _last = started;

        public void Done(string phase)
        {
            var now = Stopwatch.GetTimestamp();
            _phases.Add($"{phase} {(long)Stopwatch.GetElapsedTime(_last, now).TotalMilliseconds} ms");
            _last = now;
        }

        public override string ToString() => string.Join(", ", _phases);
    }
}

/// <summary>
/// The request body as an import reads it: refuses to go beyond the size limit (413) and hashes what passes, so a
/// repeated Idempotency-Key can be told apart from a different request under the same key.
/// </summary>
internal sealed class ImportBodyStream(Stream inner, long limit) : Stream
{
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private long _read;

    public string Hash => Convert.ToHexStringLower(_hash.GetCurrentHash());

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => _read; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var n = inner.Read(buffer);
        return Count(buffer[..n]);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var n = await inner.ReadAsync(buffer, cancellationToken);
        return Count(buffer.Span[..n]);
    }

    /// <summary>Reads the rest of the body (hashing it) without parsing it.</summary>
    public async Task DrainAsync(CancellationToken ct)
    {
        var buffer = new byte[1 << 16];
        while (await ReadAsync(buffer, ct) > 0)
        {
        }
    }

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing) _hash.Dispose();
        base.Dispose(disposing);
    }

    private int Count(ReadOnlySpan<byte> read)
    {
        _read += read.Length;
        if (_read > limit) throw new PayloadTooLargeException(limit);
        _hash.AppendData(read);
        return read.Length;
    }
}
