using System.Text.Json;
using System.Threading.Channels;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using Okr.Api.Domain;
using Okr.Api.Infrastructure.Auth;
using Okr.Api.Infrastructure.Errors;
using Okr.Api.Infrastructure.Http;
using Okr.Api.Infrastructure.Persistence;

namespace Okr.Api.Features.Imports;

internal static class ImportJobs
{
    public static void Finish(ImportJob job, ImportOutcome outcome, TimeProvider clock, JsonSerializerOptions json)
    {
        job.Status = outcome.Problem is null ? ImportStatus.Succeeded : ImportStatus.Failed;
        job.RecordsRead = outcome.RecordsRead;
        job.FinishedAt = clock.GetUtcNow();
        job.Outcome = outcome.ToJson(json);
        job.SpoolPath = null;
        // Only a success is remembered under its key: after a failure the caller fixes the file and may send it with the same key.
        if (job.Status == ImportStatus.Failed) job.IdempotencyKey = null;
        job.FailureToAnnounce = job is { Status: ImportStatus.Failed, DryRun: false };
    }

    /// <summary>Records that the import stopped on an exception; never throws (the database may be what failed).</summary>
    public static async Task FailAsync(OkrDbContext db, ImportJob job, Exception exception, TimeProvider clock, JsonSerializerOptions json, ILogger logger)
    {
        var clientError = exception is BadRequestFieldException or PayloadTooLargeException or ConflictException;
        var problem = new ImportProblem(
            exception is ConflictException ? "The import collided with a concurrent change." : clientError ? "The import could not be read." : "The import stopped on a server error.",
            (clientError ? exception.Message + " " : "") + "Nothing was imported.",
            clientError ? 1 : 0,
            exception is BadRequestFieldException field ? [new ImportError(null, null, field.Field, field.Message)] : []);
        Finish(job, new ImportOutcome(null, problem, 0, job.RecordsRead), clock, json);
        try
        {
            db.ChangeTracker.Clear();
            db.ImportJobs.Update(job);
            await db.SaveChangesAsync(CancellationToken.None);
        }
        catch (Exception e)
        {
            logger.LogError(e, "Could not record that import {ImportId} failed", job.Id);
        }
    }
}

/// <summary>Asynchronous imports waiting for the worker, by id.</summary>
public sealed class ImportQueue
{
    private readonly Channel<Guid> _channel = Channel.CreateUnbounded<Guid>(new UnboundedChannelOptions { SingleReader = true });

    public void Enqueue(Guid importId) => _channel.Writer.TryWrite(importId);

    public IAsyncEnumerable<Guid> ReadAllAsync(CancellationToken ct) => _channel.Reader.ReadAllAsync(ct);
}

/// <summary>
/// Runs asynchronous imports one after another from their spooled files, reporting progress on the job. After a
/// restart, a job whose file is still there runs again from the start (it had written nothing); one whose file is
/// gone is marked failed.
/// </summary>
internal sealed class ImportWorker(IServiceScopeFactory scopes, ImportQueue queue, TimeProvider clock, IOptions<JsonOptions> json, ILogger<ImportWorker> logger)
    : BackgroundService
{
    private static readonly TimeSpan ProgressEvery = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await RecoverAsync(stoppingToken);
        }
        catch (Exception e) when (!stoppingToken.IsCancellationRequested)
        {
            logger.LogError(e, "Could not look for imports left unfinished by a restart");
        }

        await foreach (var id in queue.ReadAllAsync(stoppingToken))
        {
            try
            {
                await RunAsync(id, stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                // One import's trouble (say, the database away for a moment) must not stop the worker, or the API.
                logger.LogError(e, "Import {ImportId} could not be run", id);
            }
        }
    }

    private async Task RecoverAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OkrDbContext>();
        var unfinished = await db.ImportJobs.Where(j => j.Status == ImportStatus.Queued || j.Status == ImportStatus.Running).ToListAsync(ct);
        foreach (var job in unfinished)
        {
            if (job.SpoolPath is not null && File.Exists(job.SpoolPath))
            {
                job.Status = ImportStatus.Queued;
                queue.Enqueue(job.Id);
            }
            else
            {
                Interrupted(job);
            }
        }

        await db.SaveChangesAsync(ct);
    }

    private void Interrupted(ImportJob job) => ImportJobs.Finish(job, new ImportOutcome(null, new ImportProblem(
        "The import was interrupted.", "The server stopped before this import finished. Nothing of it was written: send it again.", 0, []), 0, job.RecordsRead),
        clock, json.Value.SerializerOptions);

    private async Task RunAsync(Guid id, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OkrDbContext>();
        var job = await db.ImportJobs.SingleOrDefaultAsync(j => j.Id == id, ct);
        if (job is not { Status: ImportStatus.Queued, SpoolPath: { } path }) return;

        job.Status = ImportStatus.Running;
        job.StartedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);

        var connectionString = db.Database.GetConnectionString();
        var lastReport = DateTimeOffset.MinValue;
        async Task Progress(long records)
        {
            if (clock.GetUtcNow() - lastReport < ProgressEvery) return;
            lastReport = clock.GetUtcNow();
            // The import's own transaction is not visible until it commits: progress goes through a connection of its own.
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync(ct);
            await using var command = new NpgsqlCommand("UPDATE import_jobs SET records_read = @n WHERE id = @id", connection);
            command.Parameters.AddWithValue("n", records);
            command.Parameters.AddWithValue("id", id);
            await command.ExecuteNonQueryAsync(ct);
        }

        try
        {
            ImportOutcome outcome;
            await using (var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true))
            {
                outcome = await scope.ServiceProvider.GetRequiredService<ImportRunner>().RunAsync(job, file, Progress, ct);
            }

            ImportJobs.Finish(job, outcome, clock, json.Value.SerializerOptions);
            File.Delete(path);
            try
            {
                db.ChangeTracker.Clear();
                db.ImportJobs.Update(job);
                await db.SaveChangesAsync(CancellationToken.None);
            }
            catch (Exception e) when (outcome.Problem is null && !job.DryRun)
            {
                logger.LogError(e, "Import {ImportId} succeeded but its job could not be saved again", id); // the commit already did
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Shutting down: the spooled file stays, and the job runs again after the restart.
        }
        catch (Exception e)
        {
            logger.LogError(e, "Import {ImportId} failed", id);
            await ImportJobs.FailAsync(db, job, e, clock, json.Value.SerializerOptions, logger);
            File.Delete(path);
        }
    }
}
