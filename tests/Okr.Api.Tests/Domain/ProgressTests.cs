using Okr.Api.Domain;

namespace Okr.Api.Tests.Domain;

public sealed class ProgressTests
{
    [TestCase(40, 60, 50, 0.5)]
    [TestCase(40, 60, 60, 1.0)]
    [TestCase(40, 60, 70, 1.0)]   // beyond the target: clamped
    [TestCase(40, 60, 30, 0.0)]   // below the baseline: clamped
    [TestCase(7.2, 8.5, 7.85, 0.5)]
    public void IncreaseMovesFromBaselineToTarget(decimal baseline, decimal target, decimal current, decimal expected) =>
        Assert.That(Progress.OfKeyResult(KeyResultType.Metric, Direction.Increase, baseline, target, current), Is.EqualTo(expected));

    [TestCase(8, 5, 8, 0.0)]
    [TestCase(8, 5, 6.5, 0.5)]
    [TestCase(8, 5, 5, 1.0)]
    [TestCase(8, 5, 4, 1.0)]      // better than the target: clamped
    [TestCase(8, 5, 9, 0.0)]      // worse than the baseline: clamped
    public void DecreaseMovesFromBaselineDownToTarget(decimal baseline, decimal target, decimal current, decimal expected) =>
        Assert.That(Progress.OfKeyResult(KeyResultType.Metric, Direction.Decrease, baseline, target, current), Is.EqualTo(expected));

    [TestCase(Direction.StayAbove, 95, 96, 1.0)]
    [TestCase(Direction.StayAbove, 95, 95, 1.0)]
    [TestCase(Direction.StayAbove, 95, 94.9, 0.0)]
    [TestCase(Direction.StayBelow, 2, 1.5, 1.0)]
    [TestCase(Direction.StayBelow, 2, 2, 1.0)]
    [TestCase(Direction.StayBelow, 2, 2.1, 0.0)]
    public void StayDirectionsAreAllOrNothing(Direction direction, decimal target, decimal current, decimal expected) =>
        Assert.That(Progress.OfKeyResult(KeyResultType.Metric, direction, 0, target, current), Is.EqualTo(expected));

    [TestCase(Direction.Increase, 10, 9, 0.0)]
    [TestCase(Direction.Increase, 10, 10, 1.0)]
    [TestCase(Direction.Decrease, 10, 11, 0.0)]
    [TestCase(Direction.Decrease, 10, 10, 1.0)]
    public void BaselineEqualToTargetDoesNotDivideByZero(Direction direction, decimal both, decimal current, decimal expected) =>
        Assert.That(Progress.OfKeyResult(KeyResultType.Metric, direction, both, both, current), Is.EqualTo(expected));

    [TestCase(0, 0.0)]
    [TestCase(1, 1.0)]
    public void MilestoneIsDoneOrNotDone(decimal current, decimal expected) =>
        Assert.That(Progress.OfKeyResult(KeyResultType.Milestone, Direction.Increase, 0, 1, current), Is.EqualTo(expected));

    [Test]
    public void WeightedMeanHonoursWeights() =>
        Assert.That(Progress.WeightedMean([(1m, 3m), (0m, 1m)]), Is.EqualTo(0.75m));

    [Test]
    public void WeightedMeanOfNothingOrOnlyZeroWeightsIsZero()
    {
        Assert.That(Progress.WeightedMean([]), Is.EqualTo(0m));
        Assert.That(Progress.WeightedMean([(1m, 0m)]), Is.EqualTo(0m));
    }

    [Test]
    public void ExpectedProgressIsTheShareOfThePeriodElapsed()
    {
        var start = new DateOnly(2026, 1, 1);
        var end = new DateOnly(2026, 1, 10); // ten whole days
        Assert.That(Progress.Expected(start, end, new DateTimeOffset(2025, 12, 31, 0, 0, 0, TimeSpan.Zero)), Is.EqualTo(0m));
        Assert.That(Progress.Expected(start, end, new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero)), Is.EqualTo(0m));
        Assert.That(Progress.Expected(start, end, new DateTimeOffset(2026, 1, 6, 0, 0, 0, TimeSpan.Zero)), Is.EqualTo(0.5m));
        Assert.That(Progress.Expected(start, end, new DateTimeOffset(2026, 1, 11, 0, 0, 0, TimeSpan.Zero)), Is.EqualTo(1m));
        Assert.That(Progress.Expected(start, end, new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.Zero)), Is.EqualTo(1m));
    }

    [Test]
    public void OneDayPeriodIsHalfwayAtNoon() =>
        Assert.That(Progress.Expected(new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 1), new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero)),
            Is.EqualTo(0.5m));

    [TestCase(0.5, 0.5, null, Status.OnTrack)]
    [TestCase(0.45, 0.5, 7, Status.OnTrack)]      // a little behind the pace is fine
    [TestCase(0.38, 0.5, 7, Status.Behind)]       // 12 points behind
    [TestCase(0.2, 0.5, 7, Status.AtRisk)]        // 30 points behind
    [TestCase(0.9, 0.5, 4, Status.Behind)]        // ahead, but the owner doubts it
    [TestCase(0.9, 0.5, 3, Status.AtRisk)]
    [TestCase(0.9, 0.5, 5, Status.OnTrack)]       // the default confidence is neutral
    public void StatusComesFromPaceAndConfidence(decimal progress, decimal expected, int? confidence, Status status) =>
        Assert.That(Progress.StatusOf(progress, expected, confidence), Is.EqualTo(status));
}
