namespace Okr.Api.Domain;

/// <summary>A measurable result that tells whether the objective is reached. Every key result holds a number.</summary>
public sealed class KeyResult : IAudited
{
    public const int DefaultCadenceDays = 7;
    public const int DefaultConfidence = 5;

    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid ObjectiveId { get; set; }
    public required string Title { get; set; }
    public KeyResultType Type { get; private set; }
    public Direction Direction { get; private set; }
    public decimal Baseline { get; private set; }
    public decimal Target { get; private set; }
    public decimal CurrentValue { get; private set; }
    public required string Unit { get; set; }
    public string? CurrencyCode { get; set; }
    public decimal Weight { get; set; } = 1;
    public Guid? OwnerId { get; set; }
    public string? ExternalId { get; set; }

    /// <summary>Confidence of the latest check-in; null until the first one.</summary>
    public int? Confidence { get; private set; }

    /// <summary>The measuredAt of the latest check-in; null until the first one.</summary>
    public DateTimeOffset? LastCheckInAt { get; private set; }

    /// <summary>The note of the latest check-in (the reason behind its status, shown next to it); null until one says something.</summary>
    public string? LastCheckInNote { get; private set; }

    public int CadenceDays { get; set; } = DefaultCadenceDays;
    public DateTimeOffset CreatedAt { get; set; }
    public Guid? CreatedBy { get; set; }
    public DateTimeOffset ModifiedAt { get; set; }
    public Guid? ModifiedBy { get; set; }
    public uint Version { get; set; }

    public decimal Progress => Domain.Progress.OfKeyResult(Type, Direction, Baseline, Target, CurrentValue);

    /// <summary>
    /// Sets what the key result measures. A metric needs a baseline and a target that the direction
    /// can move between; a milestone runs from 0 (not done) to 1 (done).
    /// </summary>
    public void Define(KeyResultType type, Direction? direction, decimal? baseline, decimal? target)
    {
        if (TypeChangeProblem(Type, type, measured: LastCheckInAt is not null) is { } problem) throw new DomainRuleException("type", problem);
        if (type == KeyResultType.Milestone)
        {
            // Done or not done: numbers given with it would be silently replaced by 0 and 1, so they are refused.
            // Named after the field that was sent, so that a form shows the error where the number was typed.
            var wrong = direction is not (null or Direction.Increase) ? "direction" : baseline is not (null or 0) ? "baseline" : target is not (null or 1) ? "target" : null;
            if (wrong is not null)
            {
                throw new DomainRuleException(wrong, "A milestone runs from 0 (not done) to 1 (done): leave out direction, baseline and target (or give increase, 0 and 1).");
            }

            (Type, Direction, Baseline, Target) = (type, Direction.Increase, 0, 1);
        }
        else
        {
            if (direction is null) throw new DomainRuleException("direction", "A metric key result needs a direction.");
            if (baseline is null) throw new DomainRuleException("baseline", "A metric key result needs a baseline: the number it starts from.");
            if (target is null) throw new DomainRuleException("target", "A metric key result needs a target: the number it must reach.");
            if (direction == Direction.Increase && target <= baseline)
                throw new DomainRuleException("target", "An increasing key result needs a target above its baseline.");
            if (direction == Direction.Decrease && target >= baseline)
                throw new DomainRuleException("target", "A decreasing key result needs a target below its baseline.");

            (Type, Direction, Baseline, Target) = (type, direction.Value, baseline.Value, target.Value);
        }

        // Until the first check-in the key result stands where it started.
        if (LastCheckInAt is null) CurrentValue = Baseline;
    }

    /// <summary>
    /// A key result that has check-ins keeps its type: its history was measured one way (a number, or done / not done),
    /// and a new type would turn the same measurements into another progress without anyone measuring again (a metric
    /// at 3 of 10 would read "done" as a milestone). A changed direction, baseline or target is a re-scope: allowed,
    /// recorded in the audit log and shown on the check-in chart (<c>GET /key-results/{id}/rescopes</c>).
    /// </summary>
    /// <returns>Why the change is refused, or null when it is allowed.</returns>
    public static string? TypeChangeProblem(KeyResultType current, KeyResultType next, bool measured) =>
        measured && next != current
            ? $"A key result with check-ins keeps its type ('{Snake(current)}'): its history was measured that way. Add a new key result to measure it as a {Snake(next)}."
            : null;

    /// <summary>What a check-in's value must be: a milestone takes 1 (done) or 0 (not done); a metric any number.</summary>
    /// <returns>Why the value is refused, or null.</returns>
    public static string? ValueProblem(KeyResultType type, decimal value) =>
        type == KeyResultType.Milestone && value is not (0 or 1) ? "A milestone key result takes 1 (done) or 0 (not done)." : null;

    private static string Snake(KeyResultType type) => type.ToString().ToLowerInvariant();

    /// <summary>
    /// Records a measurement. The current value follows the check-in with the latest measuredAt, so a
    /// back-dated check-in joins the history without replacing a newer value.
    /// </summary>
    public CheckIn CheckIn(
        decimal value, int? confidence, string? note, DateTimeOffset measuredAt, Guid? authorId, CheckInSource source, DateTimeOffset now, Guid? apiClientId = null,
        Guid? id = null)
    {
        if (ValueProblem(Type, value) is { } problem) throw new DomainRuleException("value", problem);

        var checkIn = new CheckIn
        {
            Id = id ?? Guid.CreateVersion7(),
            KeyResultId = Id,
            Value = value,
            Confidence = confidence ?? DefaultConfidence,
            Note = Domain.CheckIn.CleanNote(note),
            MeasuredAt = measuredAt,
            AuthorId = authorId,
            ApiClientId = apiClientId,
            Source = source,
            CreatedAt = now,
        };

        if (LastCheckInAt is null || measuredAt >= LastCheckInAt)
        {
            CurrentValue = value;
            Confidence = checkIn.Confidence;
            LastCheckInAt = measuredAt;
            LastCheckInNote = checkIn.Note;
        }

        ModifiedAt = now;
        return checkIn;
    }

    /// <summary>
    /// The key result as it continues in the next period (carry-over): the same measure and target, starting from where
    /// this one got to (its current value becomes the baseline), with no check-ins yet.
    /// </summary>
    public KeyResult CarryOverTo(Guid objectiveId, DateTimeOffset now)
    {
        var copy = new KeyResult
        {
            ObjectiveId = objectiveId, Title = Title, Unit = Unit, CurrencyCode = CurrencyCode, Weight = Weight, OwnerId = OwnerId,
            CadenceDays = CadenceDays, CreatedAt = now, ModifiedAt = now,
        };
        if (Type == KeyResultType.Milestone) copy.Define(KeyResultType.Milestone, null, null, null);
        else copy.Define(Type, Direction, CurrentValue, Target);
        return copy;
    }

    /// <summary>A key result is stale when its check-in is due (<see cref="CycleRules.IsDue"/>): the same rule as the due list and the reminders.</summary>
    public static bool IsStale(ObjectiveState objectiveState, PeriodState periodState, DateOnly periodStart, DateTimeOffset? lastCheckInAt, DateTimeOffset createdAt,
        int cadenceDays, DateTimeOffset now) =>
        objectiveState == ObjectiveState.Active && CycleRules.IsDue(periodState, periodStart, lastCheckInAt, createdAt, cadenceDays, now);
}
