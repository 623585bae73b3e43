using Okr.Api.Domain;

namespace Okr.Api.Tests.Domain;

public sealed class KeyResultTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);

    private static KeyResult Metric(Direction direction, decimal baseline, decimal target)
    {
        var keyResult = new KeyResult { Title = "k", Unit = "number", CreatedAt = Now };
        keyResult.Define(KeyResultType.Metric, direction, baseline, target);
        return keyResult;
    }

    [TestCase(null, 5, "baseline")]
    [TestCase(8, null, "target")]
    public void MetricWithoutBaselineOrTargetIsRefused(int? baseline, int? target, string field)
    {
        var keyResult = new KeyResult { Title = "k", Unit = "number" };
        var error = Assert.Throws<DomainRuleException>(() => keyResult.Define(KeyResultType.Metric, Direction.Increase, baseline, target));
        Assert.That(error!.Field, Is.EqualTo(field));
    }

    [Test]
    public void MetricWithoutDirectionIsRefused()
    {
        var keyResult = new KeyResult { Title = "k", Unit = "number" };
        Assert.That(Assert.Throws<DomainRuleException>(() => keyResult.Define(KeyResultType.Metric, null, 1, 2))!.Field, Is.EqualTo("direction"));
    }

    [TestCase(Direction.Increase, 60, 40)]
    [TestCase(Direction.Increase, 40, 40)]
    [TestCase(Direction.Decrease, 5, 8)]
    public void DirectionMustAgreeWithBaselineAndTarget(Direction direction, decimal baseline, decimal target)
    {
        var keyResult = new KeyResult { Title = "k", Unit = "number" };
        Assert.That(Assert.Throws<DomainRuleException>(() => keyResult.Define(KeyResultType.Metric, direction, baseline, target))!.Field,
            Is.EqualTo("target"));
    }

    [Test]
    public void NewMetricStandsAtItsBaseline()
    {
        var keyResult = Metric(Direction.Decrease, 8, 5);
        Assert.That(keyResult.CurrentValue, Is.EqualTo(8));
        Assert.That(keyResult.Progress, Is.EqualTo(0));
    }

    [Test]
    public void CheckInSetsCurrentValueAndConfidence()
    {
        var keyResult = Metric(Direction.Decrease, 8, 5);
        var checkIn = keyResult.CheckIn(6.5m, 7, "halfway", Now, null, CheckInSource.Api, Now);
        Assert.Multiple(() =>
        {
            Assert.That(keyResult.CurrentValue, Is.EqualTo(6.5m));
            Assert.That(keyResult.Confidence, Is.EqualTo(7));
            Assert.That(keyResult.Progress, Is.EqualTo(0.5m));
            Assert.That(checkIn.KeyResultId, Is.EqualTo(keyResult.Id));
            Assert.That(checkIn.Source, Is.EqualTo(CheckInSource.Api));
        });
    }

    [Test]
    public void BackdatedCheckInDoesNotReplaceANewerValue()
    {
        var keyResult = Metric(Direction.Increase, 0, 100);
        keyResult.CheckIn(50, 6, null, Now, null, CheckInSource.Web, Now);
        keyResult.CheckIn(20, 2, null, Now.AddDays(-7), null, CheckInSource.Web, Now);
        Assert.That(keyResult.CurrentValue, Is.EqualTo(50));
        Assert.That(keyResult.Confidence, Is.EqualTo(6));
        Assert.That(keyResult.LastCheckInAt, Is.EqualTo(Now));
    }

    [Test]
    public void ConfidenceDefaultsToFive() =>
        Assert.That(Metric(Direction.Increase, 0, 1).CheckIn(1, null, null, Now, null, CheckInSource.Web, Now).Confidence, Is.EqualTo(5));

    [Test]
    public void MilestoneTakesOnlyDoneOrNotDone()
    {
        var keyResult = new KeyResult { Title = "Launch", Unit = "milestone" };
        keyResult.Define(KeyResultType.Milestone, null, null, null);
        Assert.That(keyResult.Progress, Is.EqualTo(0));
        Assert.Throws<DomainRuleException>(() => keyResult.CheckIn(0.5m, null, null, Now, null, CheckInSource.Web, Now));
        keyResult.CheckIn(1, null, null, Now, null, CheckInSource.Web, Now);
        Assert.That(keyResult.Progress, Is.EqualTo(1));
    }

    [Test]
    public void DueOnlyInAnActiveStartedPeriodOnceTheCadenceHasPassedSinceTheLastCheckInOrTheStart()
    {
        var start = DateOnly.FromDateTime(Now.UtcDateTime).AddDays(-30);
        var early = Now.AddDays(-40); // added before the period began
        bool Stale(PeriodState period, DateOnly from, DateTimeOffset? last, DateTimeOffset created, ObjectiveState objective = ObjectiveState.Active) =>
            KeyResult.IsStale(objective, period, from, last, created, 7, Now);
        Assert.That(Stale(PeriodState.Active, start, Now.AddDays(-8), early), Is.True);
        Assert.That(Stale(PeriodState.Active, start, Now.AddDays(-7), early), Is.True, "due on the day the cadence has passed");
        Assert.That(Stale(PeriodState.Active, start, Now.AddDays(-6), early), Is.False);
        Assert.That(Stale(PeriodState.Active, start, null, early), Is.True, "no check-in: counted from the period's start");
        Assert.That(Stale(PeriodState.Active, DateOnly.FromDateTime(Now.UtcDateTime).AddDays(-3), null, early), Is.False);
        Assert.That(Stale(PeriodState.Active, DateOnly.FromDateTime(Now.UtcDateTime).AddDays(10), null, early), Is.False, "not started yet");
        Assert.That(Stale(PeriodState.Closed, start, Now.AddDays(-80), early), Is.False);
        Assert.That(Stale(PeriodState.Planning, start, null, early), Is.False);
    }

    [Test]
    public void WorkAddedMidPeriodIsDueACadenceAfterItWasAddedAndClosedWorkNever()
    {
        var start = DateOnly.FromDateTime(Now.UtcDateTime).AddDays(-60);
        Assert.That(KeyResult.IsStale(ObjectiveState.Active, PeriodState.Active, start, null, Now.AddDays(-2), 7, Now), Is.False, "added two days ago");
        Assert.That(KeyResult.IsStale(ObjectiveState.Active, PeriodState.Active, start, null, Now.AddDays(-7), 7, Now), Is.True, "a cadence after it was added");
        Assert.That(CycleRules.DueSince(null, start, Now.AddDays(-2), 7), Is.EqualTo(Now.AddDays(5)));
        foreach (var state in new[] { ObjectiveState.Closed, ObjectiveState.Archived, ObjectiveState.Draft })
        {
            Assert.That(KeyResult.IsStale(state, PeriodState.Active, start, null, Now.AddDays(-50), 7, Now), Is.False, $"{state} objectives ask for nothing");
        }
    }
}
