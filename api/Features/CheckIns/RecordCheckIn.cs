using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Okr.Api.Domain;
using Okr.Api.Features.KeyResults;
using Okr.Api.Infrastructure.Auth;
using Okr.Api.Infrastructure.Errors;
using Okr.Api.Infrastructure.Persistence;

namespace Okr.Api.Features.CheckIns;

/// <summary>A new measurement.</summary>
/// <param name="Value">The value measured (milestones: 1 done, 0 not done).</param>
/// <param name="Confidence">0..10 (default 5).</param>
/// <param name="Note">What happened, what is next.</param>
/// <param name="MeasuredAt">The moment the value applies to (default: now; not in the future).</param>
public sealed record RecordCheckInRequest(decimal Value, int? Confidence = null, string? Note = null, DateTimeOffset? MeasuredAt = null);

public sealed record RecordCheckInCommand(Guid KeyResultId, RecordCheckInRequest CheckIn, CheckInSource Source) : ICommand<CheckInDto>;

public sealed class RecordCheckInCommandValidator : AbstractValidator<RecordCheckInCommand>
{
    /// <summary>Clocks differ; a check-in a few minutes "in the future" is not a mistake.</summary>
    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    public RecordCheckInCommandValidator(TimeProvider clock)
    {
        RuleFor(c => c.CheckIn.Value).InclusiveBetween(-KeyResultRules.MaxMagnitude, KeyResultRules.MaxMagnitude)
            .PrecisionScale(19, KeyResultRules.MaxDecimals, true).OverridePropertyName("value");
        RuleFor(c => c.CheckIn.Confidence).InclusiveBetween(0, 10).OverridePropertyName("confidence");
        RuleFor(c => c.CheckIn.Note).MaximumLength(Limits.Note).OverridePropertyName("note");
        RuleFor(c => c.CheckIn.MeasuredAt).Must(m => m is null || m <= clock.GetUtcNow() + ClockSkew)
            .WithMessage("'measuredAt' must not be in the future.").OverridePropertyName("measuredAt");
        RuleFor(c => c.CheckIn.MeasuredAt).Must(m => m is null || m.Value.UtcDateTime.Year >= 2000)
            .WithMessage("'measuredAt' must be in the year 2000 or later (UTC).").OverridePropertyName("measuredAt");
    }
}

public sealed class RecordCheckInCommandHandler(OkrDbContext db, AccessPolicy access, ICurrentUser user, TimeProvider clock)
    : ICommandHandler<RecordCheckInCommand, CheckInDto>
{
    public async ValueTask<CheckInDto> Handle(RecordCheckInCommand command, CancellationToken cancellationToken)
    {
        // The id is chosen once, before any attempt: if the database fails after committing but before answering, the
        // retry finds the check-in already there instead of recording it twice.
        var id = Guid.CreateVersion7();
        if (db.Database.CurrentTransaction is not null) return await RecordAsync(command, id, cancellationToken); // an Idempotency-Key request's
        return await db.Database.CreateExecutionStrategy().ExecuteInTransactionAsync(
            ct => RecordAsync(command, id, ct),
            ct => db.CheckIns.AsNoTracking().AnyAsync(c => c.Id == id, ct),
            cancellationToken);
    }

    private async Task<CheckInDto> RecordAsync(RecordCheckInCommand command, Guid id, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear(); // a retried attempt starts from what the database holds, not from the failed one
        var now = clock.GetUtcNow();
        // Check-ins on one key result queue up behind each other instead of failing on the version:
        // two people checking in at once both get their check-in recorded.
        var keyResult = await db.KeyResults.FromSql($"SELECT *, xmin FROM key_results WHERE id = {command.KeyResultId} FOR UPDATE")
                            .SingleOrDefaultAsync(cancellationToken)
                        ?? throw new NotFoundException("Key result", command.KeyResultId);
        var context = await KeyResultQueries.ContextOfKeyResultAsync(db, access, keyResult, now, cancellationToken);
        await access.EnsureCanWriteKeyResultAsync(context.TeamId, context.ObjectiveOwnerId, keyResult.OwnerId, cancellationToken);
        access.EnsurePeriodAllowsCheckIn(context.Period);

        var request = command.CheckIn;
        var checkIn = keyResult.CheckIn(request.Value, request.Confidence, request.Note, (request.MeasuredAt ?? now).ToUniversalTime(),
            user.UserId, user.IsClient ? CheckInSource.Api : command.Source, now, user.ClientId, id);
        db.CheckIns.Add(checkIn);
        await db.SaveChangesAsync(cancellationToken);
        return checkIn.ToDto();
    }
}
