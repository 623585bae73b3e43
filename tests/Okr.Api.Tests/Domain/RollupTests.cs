using Okr.Api.Domain;

namespace Okr.Api.Tests.Domain;

public sealed class RollupTests
{
    private static readonly Guid Company = Guid.NewGuid(), TeamA = Guid.NewGuid(), TeamB = Guid.NewGuid(), Person = Guid.NewGuid();

    [Test]
    public void ObjectiveWithKeyResultsTakesTheirWeightedMean()
    {
        var progress = Rollup.Compute([new RollupInput(TeamA, null, 1, [(1m, 1m), (0.5m, 3m)])]);
        Assert.That(progress[TeamA], Is.EqualTo(0.625m));
    }

    [Test]
    public void ObjectiveWithoutKeyResultsRollsUpItsChildrenByWeight()
    {
        var progress = Rollup.Compute(
        [
            new RollupInput(Company, null, 1, []),
            new RollupInput(TeamA, Company, 3, [(1m, 1m)]),
            new RollupInput(TeamB, Company, 1, [(0m, 1m)]),
        ]);
        Assert.That(progress[Company], Is.EqualTo(0.75m));
    }

    [Test]
    public void RollUpGoesAllTheWayDown()
    {
        var progress = Rollup.Compute(
        [
            new RollupInput(Company, null, 1, []),
            new RollupInput(TeamA, Company, 1, []),
            new RollupInput(Person, TeamA, 1, [(0.4m, 1m)]),
        ]);
        Assert.That(progress[Company], Is.EqualTo(0.4m));
    }

    [Test]
    public void KeyResultsWinOverChildren()
    {
        var progress = Rollup.Compute(
        [
            new RollupInput(Company, null, 1, [(0.2m, 1m)]),
            new RollupInput(TeamA, Company, 1, [(1m, 1m)]),
        ]);
        Assert.That(progress[Company], Is.EqualTo(0.2m));
    }

    [Test]
    public void ChildrenThatDoNotCountAreLeftOut()
    {
        var progress = Rollup.Compute(
        [
            new RollupInput(Company, null, 1, []),
            new RollupInput(TeamA, Company, 1, [(1m, 1m)]),
            new RollupInput(TeamB, Company, 1, [(0m, 1m)], CountsInParent: false),
        ]);
        Assert.That(progress[Company], Is.EqualTo(1m));
    }

    [Test]
    public void ACycleInStoredDataDoesNotHang()
    {
        var progress = Rollup.Compute([new RollupInput(TeamA, TeamB, 1, []), new RollupInput(TeamB, TeamA, 1, [])]);
        Assert.That(progress[TeamA], Is.EqualTo(0m));
    }
}
