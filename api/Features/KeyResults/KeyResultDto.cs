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
/// <param name="Status">on_track, behind or at_risk: progress against its own expected pace (from the period's start, or from when it was added) and the latest confidence; not_started before the period starts and, until its first check-in, for one cadence after it was added; closed with its objective.</param>
/// <param name="Confidence">0..10 from the latest check-in; null before the first.</param>
/// <param name="LastCheckInAt">measuredAt of the latest check-in; null before the first.</param>
/// <param name="LastCheckInNote">The latest check-in's note (up to 2,000 characters): the reason behind its status; null before the first or when it said nothing.</param>
/// <param name="CadenceDays">How often a check-in is expected, in days.</param>
/// <param name="Stale">True when its check-in is due: its objective is active, the period is active and started, and its cadence has passed since the last check-in (before the first: since the period's start, or since the key result was added when that was later).</param>
/// <param name="Version">Concurrency version; also sent as the ETag.</param>
/// <param name="CreatedAt">When it was created.</param>
/// <param name="ModifiedAt">When it last changed (check-ins included).</param>
/// <param name="Permissions">What the caller may do with it.</param>
public sealed record KeyResultDto(
    Guid Id, Guid ObjectiveId, string Title, KeyResultType Type, Direction Direction, decimal Baseline, decimal Target, decimal CurrentValue,
    string Unit, string? CurrencyCode, decimal Weight, Guid? OwnerId, string? ExternalId, decimal Progress, Status Status, int? Confidence,
    DateTimeOffset? LastCheckInAt, string? LastCheckInNote, int CadenceDays, bool Stale, uint Version, DateTimeOffset CreatedAt, DateTimeOffset ModifiedAt,
    KeyResultPermissions Permissions);

/// <summary>The columns of a key result a read needs, before progress and status are worked out.</summary>
public sealed record KeyResultRow(
    Guid Id, Guid ObjectiveId, string Title, KeyResultType Type, Direction Direction, decimal Baseline, decimal Target, decimal CurrentValue,
    string Unit, string? CurrencyCode, decimal Weight, Guid? OwnerId, string? ExternalId, int? Confidence, DateTimeOffset? LastCheckInAt,
    string? LastCheckInNote, int CadenceDays, uint Version, DateTimeOffset CreatedAt, DateTimeOffset ModifiedAt)
{
    public decimal Progress => Domain.Progress.OfKeyResult(Type, Direction, Baseline, Target, CurrentValue);

    public KeyResultDto ToDto(PeriodClock period, ObjectiveState objectiveState, KeyResultPermissions permissions)
    {
        var progress = Progress;
        return new KeyResultDto(Id, ObjectiveId, Title, Type, Direction, Baseline, Target, CurrentValue, Unit, CurrencyCode, Weight, OwnerId,
            ExternalId, progress, period.KeyResultStatus(objectiveState, Pace), Confidence, LastCheckInAt, LastCheckInNote, CadenceDays,
            KeyResult.IsStale(objectiveState, period.State, period.Start, LastCheckInAt, CreatedAt, CadenceDays, period.Now), Version, CreatedAt, ModifiedAt, permissions);
    }

    public KeyResultPace Pace => new(Progress, Weight, Confidence, CreatedAt, LastCheckInAt is not null, CadenceDays);
}

/// <summary>What a key result's status is measured with (<see cref="PeriodClock.KeyResultStatus"/>).</summary>
/// <param name="Progress">0..1.</param>
/// <param name="Weight">Its weight in its objective.</param>
/// <param name="Confidence">The latest check-in's confidence, 0..10; null before any.</param>
/// <param name="CreatedAt">When it was added: its expected pace starts then when that is after the period's start.</param>
/// <param name="CheckedIn">Whether anyone has checked in on it yet.</param>
/// <param name="CadenceDays">Days between check-ins.</param>
public readonly record struct KeyResultPace(decimal Progress, decimal Weight, int? Confidence, DateTimeOffset CreatedAt, bool CheckedIn, int CadenceDays);

/// <summary>A period's dates and state at the moment of a read: what expected progress and staleness depend on.</summary>
public sealed record PeriodClock(DateOnly Start, DateOnly End, PeriodState State, DateTimeOffset Now)
{
    public decimal Expected { get; } = Domain.Progress.Expected(Start, End, Now);

    /// <summary>Out of planning and past its start date (<see cref="CycleRules.HasStarted"/>).</summary>
    public bool Started => CycleRules.HasStarted(State, Start, Now);

    /// <summary>The expected share done now of a key result added at <paramref name="createdAt"/>: its pace starts then, or at the period's start.</summary>
    public decimal ExpectedFrom(DateTimeOffset createdAt) => Domain.Progress.Expected(CycleRules.PaceStart(Start, createdAt), End, Now);

    /// <summary>
    /// A key result's status, the one rule every read uses (docs/method.md, "Progress and status"): closed with its
    /// objective (closed or archived); not_started before the period starts, and — until its first check-in — for one
    /// cadence after it was added; otherwise its progress against its own expected pace (from its creation when added
    /// mid-period) and the latest confidence.
    /// </summary>
    public Status KeyResultStatus(ObjectiveState objectiveState, KeyResultPace kr)
    {
        if (objectiveState is ObjectiveState.Closed or ObjectiveState.Archived) return Status.Closed;
        if (!Started) return Status.NotStarted;
        if (!kr.CheckedIn && Now < CycleRules.DueSince(null, Start, kr.CreatedAt, kr.CadenceDays)) return Status.NotStarted;
        return Domain.Progress.StatusOf(kr.Progress, ExpectedFrom(kr.CreatedAt), kr.Confidence);
    }

    /// <summary>
    /// An objective's expected progress and status (docs/method.md, "Progress and status", "Roll-up"): closed when the
    /// objective is; not_started before the period starts, and while every key result is when only they make its progress;
    /// otherwise its progress against the expected pace — its key results' pace (the weighted mean of theirs) for the
    /// share of progress they make, the period's pace for the share the aligned objectives make — and, when its key
    /// results count at all, their lowest confidence.
    /// </summary>
    /// <param name="state">The objective's state.</param>
    /// <param name="progress">Its progress, 0..1, as <see cref="Rollup"/> computed it.</param>
    /// <param name="keyResults">Its own key results.</param>
    /// <param name="keyResultShare">How much of its progress its key results make (<see cref="RollupResult.KeyResultShare"/>), 0..1.</param>
    public (decimal Expected, Status Status) ObjectiveHealth(
        ObjectiveState state, decimal progress, IReadOnlyCollection<KeyResultPace> keyResults, decimal keyResultShare = 1)
    {
        var own = keyResults.Count == 0 || keyResults.All(k => k.Weight == 0)
            ? Expected
            : Domain.Progress.WeightedMean(keyResults.Select(k => (ExpectedFrom(k.CreatedAt), k.Weight)));
        var expected = keyResultShare * own + (1 - keyResultShare) * Expected;
        if (state is ObjectiveState.Closed or ObjectiveState.Archived) return (expected, Status.Closed);
        if (!Started) return (expected, Status.NotStarted);
        if (keyResultShare == 1 && keyResults.Count > 0 && keyResults.All(k => KeyResultStatus(state, k) == Status.NotStarted)) return (expected, Status.NotStarted);
        var confidence = keyResultShare > 0 ? keyResults.Where(k => k.Confidence is not null).Select(k => k.Confidence).Min() : null;
        return (expected, Domain.Progress.StatusOf(progress, expected, confidence));
    }
}

[Mapper]
public static partial class KeyResultMapper
{
    public static partial IQueryable<KeyResultRow> ProjectToRow(this IQueryable<KeyResult> query);

    [MapperIgnoreTarget(nameof(KeyResultRow.Progress))]
    [MapperIgnoreTarget(nameof(KeyResultRow.Pace))]
    public static partial KeyResultRow ToRow(this KeyResult keyResult);
}
