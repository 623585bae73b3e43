namespace Okr.Api.Domain;

/// <summary>The arithmetic of progress, expected progress and status (docs/method.md, "Progress and status").</summary>
public static class Progress
{
    /// <summary>Confidence at or below this marks a key result or objective at risk.</summary>
    public const int AtRiskConfidence = 3;

    /// <summary>Confidence at or below this marks it behind.</summary>
    public const int BehindConfidence = 4;

    /// <summary>Progress this far (as a fraction of the whole) under the expected pace is at risk.</summary>
    public const decimal AtRiskGap = 0.25m;

    /// <summary>Progress this far under the expected pace is behind.</summary>
    public const decimal BehindGap = 0.10m;

    public static decimal OfKeyResult(KeyResultType type, Direction direction, decimal baseline, decimal target, decimal current)
    {
        if (type == KeyResultType.Milestone)
        {
            return current >= 1 ? 1 : 0;
        }

        return direction switch
        {
            // Reached or not started are decided before dividing, so the ratio is always in (0, 1): no division by
            // zero when baseline = target, no overflow with extreme values.
            Direction.Increase when current >= target => 1,
            Direction.Increase when current <= baseline => 0,
            Direction.Decrease when current <= target => 1,
            Direction.Decrease when current >= baseline => 0,
            Direction.Increase => Clamp((current - baseline) / (target - baseline)),
            Direction.Decrease => Clamp((baseline - current) / (baseline - target)),
            Direction.StayAbove => current >= target ? 1 : 0,
            Direction.StayBelow => current <= target ? 1 : 0,
            _ => throw new ArgumentOutOfRangeException(nameof(direction), direction, null),
        };
    }

    /// <summary>The weighted mean of (progress, weight) pairs; 0 when there are none or every weight is 0.</summary>
    public static decimal WeightedMean(IEnumerable<(decimal Progress, decimal Weight)> parts)
    {
        decimal sum = 0, weights = 0;
        foreach (var (progress, weight) in parts)
        {
            sum += progress * weight;
            weights += weight;
        }

        return weights == 0 ? 0 : Clamp(sum / weights);
    }

    /// <summary>The share of the period elapsed at <paramref name="now"/>: the period runs from the start of its first day to the end of its last (UTC).</summary>
    public static decimal Expected(DateOnly start, DateOnly end, DateTimeOffset now) =>
        Expected(new DateTimeOffset(start.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero), end, now);

    /// <summary>
    /// The expected share done at <paramref name="now"/> of work that starts at <paramref name="from"/> (a key result added
    /// mid-period starts at its creation) and ends with the period's last day.
    /// </summary>
    public static decimal Expected(DateTimeOffset from, DateOnly end, DateTimeOffset now)
    {
        var to = new DateTimeOffset(end.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        if (now <= from) return 0;
        if (now >= to) return 1;
        return Math.Round((decimal)((now - from).TotalSeconds / (to - from).TotalSeconds), 4);
    }

    /// <summary>
    /// on_track unless progress trails the expected pace or the people doing the work say they are not confident.
    /// <paramref name="confidence"/> is null when nobody has checked in yet.
    /// </summary>
    public static Status StatusOf(decimal progress, decimal expected, int? confidence)
    {
        var gap = expected - progress;
        if (gap >= AtRiskGap || confidence <= AtRiskConfidence) return Status.AtRisk;
        if (gap >= BehindGap || confidence <= BehindConfidence) return Status.Behind;
        return Status.OnTrack;
    }

    public static decimal Clamp(decimal value) => Math.Round(Math.Clamp(value, 0m, 1m), 4);
}
