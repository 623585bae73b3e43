namespace Okr.Api.Domain;

/// <summary>
/// The OKR cycle's rules in one place (docs/method.md, "The cycle"): what a period's state allows, when a key result's
/// check-in is due, how a closing scores, and what counts as achieved.
/// </summary>
public static class CycleRules
{
    /// <summary>The rule a write to a closed period breaks (422, field <c>periodId</c>).</summary>
    public const string ClosedRule = "The period is closed: its OKRs are read-only (only an admin may still correct them).";

    /// <summary>The rule a check-in before the period starts breaks (422, field <c>periodId</c>).</summary>
    public const string NotStartedRule = "The period has not started: check-ins open once it is active and its start date has come.";

    /// <summary>A final score at or above this counts as achieved in a closing review (the method's 0.7: stretch goals met to 70% are a success).</summary>
    public const decimal AchievedScore = 0.7m;

    /// <summary>The first moment of the period (its start date, 00:00 UTC).</summary>
    public static DateTimeOffset StartOf(DateOnly start) => new(start.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    /// <summary>A period has started when it is no longer in planning and its start date has come.</summary>
    public static bool HasStarted(PeriodState state, DateOnly start, DateTimeOffset now) => state != PeriodState.Planning && now >= StartOf(start);

    /// <summary>Why the caller may not change the OKRs of a period in <paramref name="state"/>, or null. Admins may correct a closed period.</summary>
    public static string? WriteProblem(PeriodState state, bool admin) => state == PeriodState.Closed && !admin ? ClosedRule : null;

    /// <summary>Why a check-in is refused in this period now, or null: not before it starts, and in a closed one only an admin's correction.</summary>
    public static string? CheckInProblem(PeriodState state, DateOnly start, DateTimeOffset now, bool admin) =>
        WriteProblem(state, admin) ?? (state == PeriodState.Closed || HasStarted(state, start, now) ? null : NotStartedRule);

    /// <summary>
    /// When a key result's next check-in falls due: <paramref name="cadenceDays"/> after its last check-in, or after the
    /// period's start when it has none.
    /// </summary>
    /// <summary>
    /// When a key result's check-in falls due: a cadence after its last check-in, or — before the first — a cadence after
    /// the later of the period's start and the key result's creation (work added mid-period is not overdue at birth).
    /// </summary>
    public static DateTimeOffset DueSince(DateTimeOffset? lastCheckInAt, DateOnly periodStart, DateTimeOffset createdAt, int cadenceDays) =>
        (lastCheckInAt ?? PaceStart(periodStart, createdAt)).AddDays(cadenceDays);

    /// <summary>Where a key result's expected pace starts: the period's start, or its creation when it was added later.</summary>
    public static DateTimeOffset PaceStart(DateOnly periodStart, DateTimeOffset createdAt) =>
        createdAt > StartOf(periodStart) ? createdAt : StartOf(periodStart);

    /// <summary>A key result is due (and its check-in overdue) in an active, started period once <see cref="DueSince"/> has come.</summary>
    public static bool IsDue(PeriodState state, DateOnly periodStart, DateTimeOffset? lastCheckInAt, DateTimeOffset createdAt, int cadenceDays, DateTimeOffset now) =>
        state == PeriodState.Active && HasStarted(state, periodStart, now) && now >= DueSince(lastCheckInAt, periodStart, createdAt, cadenceDays);

    /// <summary>Whole days since the check-in fell due (0 on the day it falls due).</summary>
    public static int DaysOverdue(DateTimeOffset dueSince, DateTimeOffset now) => Math.Max(0, (int)Math.Floor((now - dueSince).TotalDays));

    /// <summary>The score a closing gives an objective: the outcome recorded before, else the progress it reached.</summary>
    public static decimal ClosingScore(decimal? recorded, decimal progress) => recorded ?? progress;

    /// <summary>An objective is unfinished, and worth carrying into the next period, while its progress is below 1.</summary>
    public static bool IsUnfinished(decimal progress) => progress < 1;
}
