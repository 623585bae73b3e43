using Okr.Api.Domain;
using Okr.Api.Infrastructure.Auth;
using Riok.Mapperly.Abstractions;

namespace Okr.Api.Features.KeyResults;

/// <summary>A key result with its progress. Every key result holds a number: a metric moves from baseline to target; a milestone from 0 to 1.</summary>
/// <param name="Id">Identifier.</param>
/// <param name="ObjectiveId">The objective it measures.</param>
/// <param name="Title">What it measures, e.g. "Reduce churn from 8% to 5%".</param>
/// <param name="Type">metric or milestone.</param>
/// <param name="Direction">increase, decrease, stay_above or stay_below (milestones: increase).</param>
/// <param name="Baseline">Where it started (milestones: 0).</param>
/// <param name="Target">Where it must get to (milestones: 1).</param>
/// <param name="CurrentValue">The value of the latest check-in; the baseline before any.</param>
/// <param name="Unit">number, percent, currency, or a custom label such as "hours".</param>
/// <param name="CurrencyCode">ISO 4217 code when the unit is currency.</param>
/// <param name="Weight">Weight in the objective's progress.</param>
/// <param name="OwnerId">Who is accountable for it.</param>
/// <param name="ExternalId">Key in an external system, unique; used by imports.</param>
/// <param name="Progress">0..1, from baseline, target, current value and direction.</param>
/// <param name="Status">on_track, behind or at_risk (not_started before its period starts): progress against the share of the period elapsed, and the latest confidence.</param>
/// <param name="Confidence">0..10 from the latest check-in; null before the first.</param>
/// <param name="LastCheckInAt">measuredAt of the latest check-in; null before the first.</param>
/// <param name="CadenceDays">How often a check-in is expected, in days.</param>
/// <param name="Stale">True when its check-in is due: the period is active and started, and its cadence has passed since the last check-in (or the period's start).</param>
/// <param name="Version">Concurrency version; also sent as the ETag.</param>
/// <param name="CreatedAt">When it was created.</param>
/// <param name="ModifiedAt">When it last changed (check-ins included).</param>
/// <param name="Permissions">What the caller may do with it.</param>
public sealed record KeyResultDto(
    Guid Id, Guid ObjectiveId, string Title, KeyResultType Type, Direction Direction, decimal Baseline, decimal Target, decimal CurrentValue,
    string Unit, string? CurrencyCode, decimal Weight, Guid? OwnerId, string? ExternalId, decimal Progress, Status Status, int? Confidence,
    DateTimeOffset? LastCheckInAt, int CadenceDays, bool Stale, uint Version, DateTimeOffset CreatedAt, DateTimeOffset ModifiedAt,
    KeyResultPermissions Permissions);

/// <summary>The columns of a key result a read needs, before progress and status are worked out.</summary>
public sealed record KeyResultRow(
    Guid Id, Guid ObjectiveId, string Title, KeyResultType Type, Direction Direction, decimal Baseline, decimal Target, decimal CurrentValue,
    string Unit, string? CurrencyCode, decimal Weight, Guid? OwnerId, string? ExternalId, int? Confidence, DateTimeOffset? LastCheckInAt,
    int CadenceDays, uint Version, DateTimeOffset CreatedAt, DateTimeOffset ModifiedAt)
{
    public decimal Progress => Domain.Progress.OfKeyResult(Type, Direction, Baseline, Target, CurrentValue);

    public KeyResultDto ToDto(PeriodClock period, KeyResultPermissions permissions)
    {
        var progress = Progress;
        return new KeyResultDto(Id, ObjectiveId, Title, Type, Direction, Baseline, Target, CurrentValue, Unit, CurrencyCode, Weight, OwnerId,
            ExternalId, progress, period.StatusOf(progress, Confidence), Confidence, LastCheckInAt, CadenceDays,
            KeyResult.IsStale(period.State, period.Start, LastCheckInAt, CadenceDays, period.Now), Version, CreatedAt, ModifiedAt, permissions);
    }
}

/// <summary>A period's dates and state at the moment of a read: what expected progress and staleness depend on.</summary>
public sealed record PeriodClock(DateOnly Start, DateOnly End, PeriodState State, DateTimeOffset Now)
{
    public decimal Expected { get; } = Domain.Progress.Expected(Start, End, Now);

    /// <summary>Out of planning and past its start date (<see cref="CycleRules.HasStarted"/>).</summary>
    public bool Started => CycleRules.HasStarted(State, Start, Now);

    /// <summary>not_started before the period starts, else progress against the expected pace and the confidence (<see cref="Domain.Progress.StatusOf"/>).</summary>
    public Status StatusOf(decimal progress, int? confidence) => Started ? Domain.Progress.StatusOf(progress, Expected, confidence) : Status.NotStarted;
}

[Mapper]
public static partial class KeyResultMapper
{
    public static partial IQueryable<KeyResultRow> ProjectToRow(this IQueryable<KeyResult> query);

    [MapperIgnoreTarget(nameof(KeyResultRow.Progress))]
    public static partial KeyResultRow ToRow(this KeyResult keyResult);
}
