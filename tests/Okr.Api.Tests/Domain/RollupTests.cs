using Okr.Api.Domain;

namespace Okr.Api.Tests.Domain;

public sealed class RollupTests
{
    private static readonly Guid Company = Guid.NewGuid(), TeamA = Guid.NewGuid(), TeamB = Guid.NewGuid(), Person = Guid.NewGuid();

    [Test]
    public void ObjectiveWithKeyResultsTakesTheirWeightedMean()
    {
        var progress = Rollup.Compute([new RollupInput(TeamA, null, 1, [(1m, 1m), (0.5m, 3m)])]);
        Assert.That(progress[TeamA].Progress, Is.EqualTo(0.625m));
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
        Assert.That(progress[Company].Progress, Is.EqualTo(0.75m));
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
        Assert.That(progress[Company].Progress, Is.EqualTo(0.4m));
    }

    [Test]
    public void KeyResultsWinOverChildren()
    {
        var progress = Rollup.Compute(
        [
            new RollupInput(Company, null, 1, [(0.2m, 1m)]),
            new RollupInput(TeamA, Company, 1, [(1m, 1m)]),
        ]);
        Assert.That(progress[Company].Progress, Is.EqualTo(0.2m));
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
        Assert.That(progress[Company].Progress, Is.EqualTo(1m));
    }

    [Test]
    public void ACycleInStoredDataDoesNotHang()
    {
        var progress = Rollup.Compute([new RollupInput(TeamA, TeamB, 1, []), new RollupInput(TeamB, TeamA, 1, [])]);
        Assert.That(progress[TeamA].Progress, Is.EqualTo(0m));
    }

    [Test]
    public void KeyResultsWinOverChildrenByDefaultButTheObjectiveMayChooseItsAlignedObjectives()
    {
        RollupInput[] tree(ProgressSource from) =>
        [
            new RollupInput(Company, null, 1, [(0.2m, 1m)], From: from),
            new RollupInput(TeamA, Company, 3, [(1m, 1m)]),
            new RollupInput(TeamB, Company, 1, [(0.6m, 1m)]),
        ];
        Assert.Multiple(() =>
        {
            Assert.That(Rollup.Compute(tree(ProgressSource.KeyResults))[Company], Is.EqualTo(new RollupResult(0.2m, 1)));
            Assert.That(Rollup.Compute(tree(ProgressSource.Aligned))[Company], Is.EqualTo(new RollupResult(0.9m, 0)));
        });
    }

    [Test]
    public void BothBlendsKeyResultsAndAlignedObjectivesByTheAlignedShare()
    {
        var progress = Rollup.Compute(
        [
            new RollupInput(Company, null, 1, [(0.2m, 1m)], From: ProgressSource.Both, AlignedShare: 0.25m),
            new RollupInput(TeamA, Company, 1, [(1m, 1m)]),
        ]);
        // 0.75 × 0.2 from its key results + 0.25 × 1 from the aligned objective.
        Assert.That(progress[Company], Is.EqualTo(new RollupResult(0.4m, 0.75m)));
    }

    [Test]
    public void AnEmptySourceGivesWayToTheOther()
    {
        var progress = Rollup.Compute(
        [
            new RollupInput(Company, null, 1, [(0.3m, 1m)], From: ProgressSource.Aligned),
            new RollupInput(TeamA, null, 1, [], From: ProgressSource.Both),
            new RollupInput(Person, TeamA, 1, [(0.8m, 1m)]),
            new RollupInput(TeamB, null, 1, [], From: ProgressSource.Aligned),
        ]);
        Assert.Multiple(() =>
        {
            Assert.That(progress[Company], Is.EqualTo(new RollupResult(0.3m, 1)), "aligned, but nothing aligns: its key results");
            Assert.That(progress[TeamA], Is.EqualTo(new RollupResult(0.8m, 0)), "both, without key results: the aligned objectives");
            Assert.That(progress[TeamB], Is.EqualTo(new RollupResult(0m, 1)), "nothing at all: 0");
        });
    }

    [Test]
    public void AChildThatChoosesAlignedPassesItsOwnChildrenUp()
    {
        var progress = Rollup.Compute(
        [
            new RollupInput(Company, null, 1, []),
            new RollupInput(TeamA, Company, 1, [(0m, 1m)], From: ProgressSource.Aligned),
            new RollupInput(Person, TeamA, 1, [(0.5m, 1m)]),
        ]);
        Assert.That(progress[Company].Progress, Is.EqualTo(0.5m));
    }
}
