using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using Okr.Api.Domain;
using Okr.Api.Infrastructure.Auth;
using Okr.Api.Infrastructure.Errors;
using Okr.Api.Infrastructure.Persistence;

namespace Okr.Api.Features.Imports;

/// <summary>Import a JSON document or a CSV file, now (the answer carries the outcome) or in the background (202 and a job to poll).</summary>
public sealed record RunImportCommand(Stream Body, ImportFormat Format, bool DryRun, bool Async, string? IdempotencyKey, long? ContentLength, bool Invite = false)
    : ICommand<ImportAnswer>, Infrastructure.Mediator.IOwnTransaction;

/// <summary>The import's state, and whether it is the remembered answer to an earlier request with the same Idempotency-Key.</summary>
public sealed record ImportAnswer(ImportJobDto Job, bool Replayed);

public sealed class RunImportCommandValidator : AbstractValidator<RunImportCommand>
{
    public RunImportCommandValidator(Invitations.AccountLinks links)
    {
        RuleFor(c => c.Invite).Must(invite => !invite || links.Mails).OverridePropertyName("invite")
            .WithMessage("invite=true emails the people the import creates, and no mail server is configured (Okr:Smtp). Import without it, then send invitations from Admin → People.");
        RuleFor(c => c.IdempotencyKey)
            .Must(k => k is null || (k.Length is > 0 and <= Limits.IdempotencyKey && k.All(ch => ch is >= '!' and <= '~')))
            .OverridePropertyName("Idempotency-Key")
            .WithMessage($"The Idempotency-Key header is 1 to {Limits.IdempotencyKey} printable ASCII characters without spaces, e.g. a UUID.");
    }
}

public sealed class RunImportCommandHandler(
    OkrDbContext db, AccessPolicy access, ICurrentUser user, ImportRunner runner, ImportQueue queue, IOptions<ImportOptions> options,
    IOptions<JsonOptions> json, TimeProvider clock, ILogger<RunImportCommandHandler> logger)
    : ICommandHandler<RunImportCommand, ImportAnswer>
{
    public async ValueTask<ImportAnswer> Handle(RunImportCommand command, CancellationToken cancellationToken)
    {
        access.EnsureMayImport();
        var limit = options.Value.MaxBytes;
        if (command.ContentLength > limit) throw new PayloadTooLargeException(limit);
        using var body = new ImportBodyStream(command.Body, limit);

        if (command.IdempotencyKey is { } key
            && await db.ImportJobs.AsNoTracking().SingleOrDefaultAsync(j => j.ActorId == user.Id && j.IdempotencyKey == key, cancellationToken) is { } previous)
        {
            return await ReplayAsync(previous, command, body, cancellationToken);
        }

        var now = clock.GetUtcNow();
        var job = new ImportJob
        {
            Format = command.Format,
            DryRun = command.DryRun,
            InvitePeople = command.Invite,
            Status = command.Async ? ImportStatus.Queued : ImportStatus.Running,
            ActorId = user.Id,
            ActorIsClient = user.IsClient,
            IdempotencyKey = command.IdempotencyKey,
            CreatedAt = now,
            StartedAt = command.Async ? null : now,
        };
        db.ImportJobs.Add(job);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            throw new IdempotencyConflictException("A request with this Idempotency-Key is being processed right now. Wait for it, then send again to get its result.", StatusCodes.Status409Conflict);
        }

        try
        {
            return command.Async ? await QueueAsync(job, body, cancellationToken) : await RunNowAsync(job, body, cancellationToken);
        }
        catch (Exception e) when (e is not ImportRejectedException)
        {
            await ImportJobs.FailAsync(db, job, e, clock, json.Value.SerializerOptions, logger);
            throw;
        }
    }

    private async Task<ImportAnswer> RunNowAsync(ImportJob job, ImportBodyStream body, CancellationToken ct)
    {
        var outcome = await runner.RunAsync(job, body, null, ct);
        job.BodyHash = body.Hash;
        ImportJobs.Finish(job, outcome, clock, json.Value.SerializerOptions);
        try
        {
            await db.SaveChangesAsync(CancellationToken.None);
        }
        catch (Exception e) when (outcome.Problem is null && !job.DryRun)
        {
            // The import committed, and its job row with it: this save only repeats that. Never report it as failed.
            logger.LogError(e, "Import {ImportId} succeeded but its job could not be saved again", job.Id);
        }

        if (outcome.Problem is { } problem) throw new ImportRejectedException(job.Id, problem);
        return new ImportAnswer(ImportJobDto.From(job, json.Value.SerializerOptions), false);
    }

    /// <summary>Spools the body to disk (memory stays flat), then lets the worker read it; the caller polls the job.</summary>
    private async Task<ImportAnswer> QueueAsync(ImportJob job, ImportBodyStream body, CancellationToken ct)
    {
        var directory = options.Value.Spool;
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, $"{job.Id}.{(job.Format == ImportFormat.Csv ? "csv" : "json")}");
        try
        {
            await using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
            {
                await body.CopyToAsync(file, ct);
            }

            job.BodyHash = body.Hash;
            job.SpoolPath = path;
            await db.SaveChangesAsync(ct);
        }
        catch
        {
            File.Delete(path);
            throw;
        }

        queue.Enqueue(job.Id);
        return new ImportAnswer(ImportJobDto.From(job, json.Value.SerializerOptions), false);
    }

    private async Task<ImportAnswer> ReplayAsync(ImportJob previous, RunImportCommand command, ImportBodyStream body, CancellationToken ct)
    {
        if (previous.Status is ImportStatus.Queued or ImportStatus.Running && previous.SpoolPath is null)
        {
            throw new IdempotencyConflictException("A request with this Idempotency-Key is being processed right now. Wait for it, then send again to get its result.", StatusCodes.Status409Conflict);
        }

        await body.DrainAsync(ct);
        if (previous.BodyHash != body.Hash || previous.Format != command.Format || previous.DryRun != command.DryRun)
        {
            throw new IdempotencyConflictException("This Idempotency-Key was already used for a different request. Send a new key with a new request.", StatusCodes.Status422UnprocessableEntity);
        }

        return new ImportAnswer(ImportJobDto.From(previous, json.Value.SerializerOptions), true);
    }
}
