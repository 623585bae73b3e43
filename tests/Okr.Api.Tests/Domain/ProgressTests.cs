using Okr.Api.Features.KeyResults;
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

    // A 90-day period (Jan 1 – Mar 31, 2026), looked at on day 60 (Mar 2).
    private static readonly PeriodClock Day60 = new(new DateOnly(2026, 1, 1), new DateOnly(2026, 3, 31), PeriodState.Active, new DateTimeOffset(2026, 3, 2, 0, 0, 0, TimeSpan.Zero));
    private static readonly DateTimeOffset PeriodStart = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Test]
    public void NewWorkIsNotRedAtBirthAndItsPaceStartsWhenItWasAdded()
    {
        var addedToday = Day60.Now;
        // Two-thirds into the quarter, nothing done yet, no check-in: not started, not "at risk".
        Assert.That(Day60.KeyResultStatus(ObjectiveState.Active, new KeyResultPace(0, 1, null, addedToday, false, 7)), Is.EqualTo(Status.NotStarted));
        // Added five days ago with a first check-in at 10%: measured against 5 of its 35 days, on track.
        var fiveDaysAgo = addedToday.AddDays(-5);
        Assert.That(Day60.ExpectedFrom(fiveDaysAgo), Is.EqualTo(Math.Round(5m / 35m, 4)));
        Assert.That(Day60.KeyResultStatus(ObjectiveState.Active, new KeyResultPace(0.1m, 1, 6, fiveDaysAgo, true, 7)), Is.EqualTo(Status.OnTrack));
        // A cadence after it was added and still nobody checked in: measured like anything else (8 of its 38 days gone).
        var eightDaysAgo = addedToday.AddDays(-8);
        Assert.That(Day60.KeyResultStatus(ObjectiveState.Active, new KeyResultPace(0, 1, null, eightDaysAgo, false, 7)), Is.EqualTo(Status.Behind));
        // Work there from the start keeps the period's pace.
        Assert.That(Day60.ExpectedFrom(PeriodStart.AddDays(-3)), Is.EqualTo(Day60.Expected));
        Assert.That(Day60.KeyResultStatus(ObjectiveState.Active, new KeyResultPace(0.2m, 1, 6, PeriodStart, true, 7)), Is.EqualTo(Status.AtRisk));
    }

    [Test]
    public void AnObjectivesPaceIsItsKeyResultsWeightedPaceAndItIsNotStartedWhileAllOfThemAre()
    {
        var old = new KeyResultPace(0.6m, 3, 7, PeriodStart, true, 7);
        var added = new KeyResultPace(0, 1, null, Day60.Now, false, 7);
        var (expected, status) = Day60.ObjectiveHealth(ObjectiveState.Active, Progress.WeightedMean([(0.6m, 3m), (0m, 1m)]), [old, added]);
        Assert.That(expected, Is.EqualTo(Math.Round(Day60.Expected * 3 / 4, 4)).Within(0.0001m), "the new key result expects nothing yet");
        Assert.That(status, Is.EqualTo(Status.OnTrack), "0.45 done against 0.5 expected");
        Assert.That(Day60.ObjectiveHealth(ObjectiveState.Active, 0, [added, added]).Status, Is.EqualTo(Status.NotStarted));
    }

    [TestCase(ObjectiveState.Closed)]
    [TestCase(ObjectiveState.Archived)]
    public void ClosedAndArchivedObjectivesAreClosedNotAtRisk(ObjectiveState state)
    {
        var behind = new KeyResultPace(0.1m, 1, 2, PeriodStart, true, 7);
        Assert.That(Day60.KeyResultStatus(state, behind), Is.EqualTo(Status.Closed));
        Assert.That(Day60.ObjectiveHealth(state, 0.1m, [behind]).Status, Is.EqualTo(Status.Closed));
        Assert.That(Day60.KeyResultStatus(ObjectiveState.Active, behind), Is.EqualTo(Status.AtRisk), "the same numbers, open, are at risk");
    }
}
