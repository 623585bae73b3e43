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

        if (Problem(child, parent, teams) is { } problem) throw new DomainRuleException("parentId", problem);
    }

    /// <summary>Why an objective may not align to an archived one (API and import alike; see <see cref="LinkStands"/>).</summary>
    public const string ArchivedParent = "An objective cannot align to an archived objective.";

    /// <summary>
    /// An alignment chain holds at most <see cref="Limits.MaxAlignmentDepth"/> objectives: every walk over it is
    /// iterative, but a chain deeper than any organisation needs is a mistake or an attack, and is refused.
    /// </summary>
    /// <param name="above">Objectives above the one aligned (its new parent and the parent's own ancestors).</param>
    /// <param name="below">Levels aligned below it (0 when nothing aligns to it).</param>
    /// <returns>Why the chain is refused, or null.</returns>
    public static string? DepthProblem(int above, int below) =>
        above + 1 + below > Limits.MaxAlignmentDepth
            ? $"An alignment chain holds at most {Limits.MaxAlignmentDepth} objectives, from the top down: this would make it {above + 1 + below}."
            : null;

    /// <summary>
    /// Nothing but archived objectives stays aligned to an archived one, so the tree never shows a link to an objective
    /// that is gone: archiving is refused while others align to it (PATCH and import alike), and an objective aligned to
    /// an archived one cannot be restored or imported without letting go of it.
    /// </summary>
    /// <remarks>
    /// Drafts likewise: only a draft (or an archived objective) aligns to a draft, so a published objective never points
    /// to one that its readers may not see; publish the parent first.
    /// </remarks>
    public static bool LinkStands(ObjectiveState child, ObjectiveState parent) => parent switch
    {
        ObjectiveState.Archived => child == ObjectiveState.Archived,
        ObjectiveState.Draft => child is ObjectiveState.Draft or ObjectiveState.Archived,
        _ => true,
    };

    /// <summary>Why an objective in <paramref name="child"/> may not align to one in <paramref name="parent"/>, or null (<see cref="LinkStands"/>).</summary>
    public static string? LinkProblem(ObjectiveState child, ObjectiveState parent) =>
        LinkStands(child, parent) ? null : parent == ObjectiveState.Archived ? ArchivedParent : DraftParent;

    public const string DraftParent = "Only a draft aligns to a draft: publish the objective it aligns to first.";

    /// <returns>Why an objective with <paramref name="aligned"/> non-archived objectives aligned to it cannot be archived, or null.</returns>
    public static string? ArchivingProblem(int aligned) =>
        aligned > 0
            ? $"{aligned} objective{(aligned == 1 ? "" : "s")} align{(aligned == 1 ? "s" : "")} to this one: realign or archive {(aligned == 1 ? "it" : "them")} first, so that nothing points to an archived objective."
            : null;

    /// <summary>
    /// What is wrong with <paramref name="child"/> aligning to <paramref name="parent"/> (another period, or not a higher level),
    /// or null when the link may stand. Cycles need the chain of ancestors: see <see cref="EnsureCanAlign"/>.
    /// </summary>
    public static string? Problem(AlignmentNode child, AlignmentNode parent, TeamTree teams)
    {
        if (parent.PeriodId != child.PeriodId) return "An objective aligns only to an objective of the same period.";
        if (IsAbove(parent.Level, parent.TeamId, child, teams)) return null;
        return $"An objective aligns only to an objective of a higher level: {Name(child.Level)} objective cannot align to {Name(parent.Level)} objective" +
               (parent.Level == ObjectiveLevel.Team ? " of a team that is not above its own." : ".");
    }

    /// <summary>
    /// True when an objective of <paramref name="parentLevel"/> owned by <paramref name="parentTeamId"/> stands higher than
    /// <paramref name="child"/>: company above team above individual, and a team objective above another team's when its team
    /// is above that team. The candidates offered for alignment are filtered with this same test.
    /// </summary>
    public static bool IsAbove(ObjectiveLevel parentLevel, Guid parentTeamId, AlignmentNode child, TeamTree teams) =>
        parentLevel < child.Level
        || (parentLevel == ObjectiveLevel.Team && child.Level == ObjectiveLevel.Team && teams.IsStrictAncestor(parentTeamId, child.TeamId));

    /// <summary>Something may align to an objective unless it is individual (nothing stands below a person's objective) or archived.</summary>
    public static bool TakesChildren(ObjectiveLevel level, ObjectiveState state) => level != ObjectiveLevel.Individual && state != ObjectiveState.Archived;

    /// <summary>The teams whose objectives of each kind (team-owned, person-owned) stand higher than <paramref name="child"/>.</summary>
    public static (HashSet<Guid> TeamOwned, HashSet<Guid> PersonOwned) TeamsAbove(AlignmentNode child, TeamTree teams) =>
        (teams.Ids.Where(t => IsAbove(Objective.LevelOf(teams.IsCompany(t), null), t, child, teams)).ToHashSet(),
         teams.Ids.Where(t => IsAbove(ObjectiveLevel.Individual, t, child, teams)).ToHashSet());

    private static string Name(ObjectiveLevel level) => level switch
    {
        ObjectiveLevel.Company => "a company",
        ObjectiveLevel.Team => "a team",
        _ => "an individual",
    };
}
