using Okr.Api.Domain;

namespace Okr.Api.Tests.Domain;

public sealed class AlignmentTests
{
    private static readonly Guid Company = Guid.NewGuid(), Product = Guid.NewGuid(), Growth = Guid.NewGuid(), Sales = Guid.NewGuid();
    private static readonly Guid Period = Guid.NewGuid();
    private static readonly TeamTree Teams = new([(Company, null), (Product, Company), (Growth, Product), (Sales, Company)]);

    private static AlignmentNode Node(ObjectiveLevel level, Guid team, Guid? period = null) => new(Guid.NewGuid(), level, team, period ?? Period);

    [Test]
    public void IndividualAlignsToTeamAndTeamToCompany()
    {
        Assert.DoesNotThrow(() => Alignment.EnsureCanAlign(Node(ObjectiveLevel.Individual, Product), Node(ObjectiveLevel.Team, Product), [], Teams));
        Assert.DoesNotThrow(() => Alignment.EnsureCanAlign(Node(ObjectiveLevel.Team, Product), Node(ObjectiveLevel.Company, Company), [], Teams));
        Assert.DoesNotThrow(() => Alignment.EnsureCanAlign(Node(ObjectiveLevel.Individual, Growth), Node(ObjectiveLevel.Company, Company), [], Teams));
    }

    [Test]
    public void TeamAlignsToATeamAboveIt() =>
        Assert.DoesNotThrow(() => Alignment.EnsureCanAlign(Node(ObjectiveLevel.Team, Growth), Node(ObjectiveLevel.Team, Product), [], Teams));

    [TestCase(ObjectiveLevel.Company, ObjectiveLevel.Team)]
    [TestCase(ObjectiveLevel.Company, ObjectiveLevel.Company)]
    [TestCase(ObjectiveLevel.Team, ObjectiveLevel.Individual)]
    [TestCase(ObjectiveLevel.Individual, ObjectiveLevel.Individual)]
    public void LowerOrSameLevelIsRefused(ObjectiveLevel child, ObjectiveLevel parent)
    {
        var error = Assert.Throws<DomainRuleException>(() =>
            Alignment.EnsureCanAlign(Node(child, child == ObjectiveLevel.Company ? Company : Product), Node(parent, parent == ObjectiveLevel.Company ? Company : Product), [], Teams));
        Assert.That(error!.Field, Is.EqualTo("parentId"));
        Assert.That(error.Message, Does.Contain("higher level"));
    }

    [Test]
    public void TeamCannotAlignToASiblingOrLowerTeam()
    {
        Assert.Throws<DomainRuleException>(() => Alignment.EnsureCanAlign(Node(ObjectiveLevel.Team, Sales), Node(ObjectiveLevel.Team, Product), [], Teams));
        Assert.Throws<DomainRuleException>(() => Alignment.EnsureCanAlign(Node(ObjectiveLevel.Team, Product), Node(ObjectiveLevel.Team, Growth), [], Teams));
        Assert.Throws<DomainRuleException>(() => Alignment.EnsureCanAlign(Node(ObjectiveLevel.Team, Product), Node(ObjectiveLevel.Team, Product), [], Teams));
    }

    [Test]
    public void CycleIsRefused()
    {
        var child = Node(ObjectiveLevel.Team, Growth);
        var parent = Node(ObjectiveLevel.Team, Product);
        var error = Assert.Throws<DomainRuleException>(() => Alignment.EnsureCanAlign(child, parent, [Guid.NewGuid(), child.Id], Teams));
        Assert.That(error!.Message, Does.Contain("cycle"));
        var self = Node(ObjectiveLevel.Team, Product);
        Assert.Throws<DomainRuleException>(() => Alignment.EnsureCanAlign(self, self, [], Teams));
    }

    [Test]
    public void OtherPeriodIsRefused() =>
        Assert.That(Assert.Throws<DomainRuleException>(() =>
                Alignment.EnsureCanAlign(Node(ObjectiveLevel.Team, Product), Node(ObjectiveLevel.Company, Company, Guid.NewGuid()), [], Teams))!.Message,
            Does.Contain("same period"));

    [Test]
    public void LevelIsDerivedFromTeamAndOwner()
    {
        Assert.That(Objective.LevelOf(teamIsCompany: true, ownerId: null), Is.EqualTo(ObjectiveLevel.Company));
        Assert.That(Objective.LevelOf(teamIsCompany: false, ownerId: null), Is.EqualTo(ObjectiveLevel.Team));
        Assert.That(Objective.LevelOf(teamIsCompany: false, ownerId: Guid.NewGuid()), Is.EqualTo(ObjectiveLevel.Individual));
    }

    [Test]
    public void TeamTreeKnowsAncestorsAndSubtrees()
    {
        Assert.That(Teams.IsStrictAncestor(Company, Growth), Is.True);
        Assert.That(Teams.IsStrictAncestor(Growth, Company), Is.False);
        Assert.That(Teams.IsStrictAncestor(Product, Product), Is.False);
        Assert.That(Teams.Subtree(Product), Is.EquivalentTo(new[] { Product, Growth }));
        Assert.That(Teams.IsCompany(Company), Is.True);
    }
}
