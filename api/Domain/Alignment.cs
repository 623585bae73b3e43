namespace Okr.Api.Domain;

/// <summary>What the alignment rules need to know of one objective.</summary>
public sealed record AlignmentNode(Guid Id, ObjectiveLevel Level, Guid TeamId, Guid PeriodId);

/// <summary>
/// Alignment rules: a child aligns only to an objective of a higher level (individual → team → company;
/// a team objective may also align to an objective of a team above its own), within the same period, and
/// the links never form a cycle.
/// </summary>
public static class Alignment
{
    /// <param name="child">The objective being aligned.</param>
    /// <param name="parent">The objective it would align to.</param>
    /// <param name="parentAncestors">Ids of the parent's own ancestors, nearest first.</param>
    /// <param name="teams">The team tree, to compare team levels.</param>
    public static void EnsureCanAlign(AlignmentNode child, AlignmentNode parent, IEnumerable<Guid> parentAncestors, TeamTree teams)
    {
        if (parent.Id == child.Id || parentAncestors.Contains(child.Id))
        {
            throw new DomainRuleException("parentId", "Aligning to this objective would form a cycle: it already aligns, directly or through others, to this one.");
        }

        if (parent.PeriodId != child.PeriodId)
        {
            throw new DomainRuleException("parentId", "An objective aligns only to an objective of the same period.");
        }

        var higher = parent.Level < child.Level
            || (parent.Level == ObjectiveLevel.Team && child.Level == ObjectiveLevel.Team && teams.IsStrictAncestor(parent.TeamId, child.TeamId));
        if (!higher)
        {
            throw new DomainRuleException("parentId",
                $"An objective aligns only to an objective of a higher level: a {Name(child.Level)} objective cannot align to a {Name(parent.Level)} objective{(parent.Level == ObjectiveLevel.Team ? " of a team that is not above its own" : "")}.");
        }
    }

    private static string Name(ObjectiveLevel level) => level.ToString().ToLowerInvariant();
}
