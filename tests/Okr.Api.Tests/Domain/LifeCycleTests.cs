using Okr.Api.Domain;

namespace Okr.Api.Tests.Domain;

public sealed class LifeCycleTests
{
    [Test]
    public void PeriodMovesOnlyForward()
    {
        var period = new Period { Label = "Q1" };
        period.MoveTo(PeriodState.Active);
        period.MoveTo(PeriodState.Closed);
        Assert.That(Assert.Throws<DomainRuleException>(() => period.MoveTo(PeriodState.Active))!.Field, Is.EqualTo("state"));
    }

    [Test]
    public void PeriodEndMustNotPrecedeStart()
    {
        var period = new Period { Label = "Q1" };
        Assert.That(Assert.Throws<DomainRuleException>(() => period.SetDates(new DateOnly(2026, 2, 1), new DateOnly(2026, 1, 31)))!.Field,
            Is.EqualTo("endDate"));
        Assert.DoesNotThrow(() => period.SetDates(new DateOnly(2026, 2, 1), new DateOnly(2026, 2, 1)));
    }

    [Test]
    public void ClosingRecordsTheOutcomeOrTheProgressReached()
    {
        var objective = new Objective { Title = "o" };
        objective.MoveTo(ObjectiveState.Closed, null, "learned a lot", progress: 0.7m);
        Assert.That(objective.FinalScore, Is.EqualTo(0.7m));
        Assert.That(objective.ClosingComment, Is.EqualTo("learned a lot"));

        var scored = new Objective { Title = "o" };
        scored.MoveTo(ObjectiveState.Closed, 0.4m, null, progress: 0.9m);
        Assert.That(scored.FinalScore, Is.EqualTo(0.4m));
    }

    [Test]
    public void ReopeningClearsTheOutcome()
    {
        var objective = new Objective { Title = "o" };
        objective.MoveTo(ObjectiveState.Closed, 0.4m, "x", 0);
        objective.MoveTo(ObjectiveState.Active, null, null, 0);
        Assert.That(objective.FinalScore, Is.Null);
    }

    [Test]
    public void OutcomeOnlyWhenClosing() =>
        Assert.That(Assert.Throws<DomainRuleException>(() => new Objective { Title = "o" }.MoveTo(ObjectiveState.Active, 0.5m, null, 0))!.Field,
            Is.EqualTo("finalScore"));

    [Test]
    public void DraftCannotBeClosedBeforeItIsActive()
    {
        var objective = new Objective { Title = "o" };
        objective.Start(ObjectiveState.Draft);
        Assert.Throws<DomainRuleException>(() => objective.MoveTo(ObjectiveState.Closed, null, null, 0));
        objective.MoveTo(ObjectiveState.Archived, null, null, 0);
        objective.MoveTo(ObjectiveState.Draft, null, null, 0);
        Assert.That(objective.State, Is.EqualTo(ObjectiveState.Draft));
    }
}
