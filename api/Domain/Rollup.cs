namespace Okr.Api.Domain;

/// <summary>
/// One objective as the roll-up sees it: its weight in its parent, whether it counts there, its key results'
/// (progress, weight), and where its own progress comes from.
/// </summary>
public sealed record RollupInput(
    Guid Id, Guid? ParentId, decimal Weight, IReadOnlyList<(decimal Progress, decimal Weight)> KeyResults, bool CountsInParent = true,
    ProgressSource From = ProgressSource.KeyResults, decimal AlignedShare = Rollup.DefaultAlignedShare);

/// <summary>An objective's progress, 0..1, and how much of it its own key results make, 0..1 (the rest comes from the objectives aligned to it).</summary>
/// <param name="Progress">0..1.</param>
/// <param name="KeyResultShare">1 when only its key results count, 0 when only aligned objectives do, between for a blend.</param>
public readonly record struct RollupResult(decimal Progress, decimal KeyResultShare);

/// <summary>
/// Progress of objectives (docs/method.md, "Roll-up"). Each objective chooses its source: its key results (the weighted
/// mean; an objective without key results takes the weighted mean of the objectives aligned to it, all the way down),
/// the objectives aligned to it (their weighted mean; its key results when none count), or both, blended as
/// (1 − alignedShare) × key results + alignedShare × aligned. Whichever source is empty gives way to the other.
/// </summary>
public static class Rollup
{
    /// <summary>Half from each source when an objective rolls up both.</summary>
    public const decimal DefaultAlignedShare = 0.5m;

    /// <summary>One objective's progress from its two sources as its choice says; null where a source is empty.</summary>
    public static RollupResult Combine(ProgressSource from, decimal alignedShare, decimal? keyResults, decimal? aligned)
    {
        if (keyResults is null && aligned is null) return new RollupResult(0, 1);
        if (aligned is null) return new RollupResult(keyResults!.Value, 1);
        if (keyResults is null) return new RollupResult(aligned.Value, 0);
        return from switch
        {
            ProgressSource.KeyResults => new RollupResult(keyResults.Value, 1),
            ProgressSource.Aligned => new RollupResult(aligned.Value, 0),
            _ => new RollupResult((1 - alignedShare) * keyResults.Value + alignedShare * aligned.Value, 1 - alignedShare),
        };
    }

    /// <summary>Whether an objective's progress reads the objectives aligned to it (and so needs them loaded).</summary>
    public static bool ReadsAligned(ProgressSource from, int keyResultCount) => keyResultCount == 0 || from != ProgressSource.KeyResults;

    /// <remarks>
    /// Iterative (an explicit stack, not recursion): alignment chains are data that people and imports write, and no
    /// chain, however deep, may overflow the stack of a read. A cycle in stored data counts as 0 where it closes.
    /// </remarks>
    public static Dictionary<Guid, RollupResult> Compute(IReadOnlyCollection<RollupInput> objectives)
    {
        var byId = objectives.ToDictionary(o => o.Id);
        var children = objectives.Where(o => o.CountsInParent && o.ParentId is not null && byId.ContainsKey(o.ParentId.Value))
            .ToLookup(o => o.ParentId!.Value);
        var result = new Dictionary<Guid, RollupResult>(objectives.Count);
        var started = new HashSet<Guid>();
        var stack = new Stack<(RollupInput Objective, bool ChildrenDone)>();

        foreach (var root in objectives)
        {
            if (result.ContainsKey(root.Id)) continue;
            stack.Push((root, false));
            while (stack.Count > 0)
            {
                var (objective, childrenDone) = stack.Pop();
                if (result.ContainsKey(objective.Id)) continue;
                decimal? own = objective.KeyResults.Count > 0 ? Progress.WeightedMean(objective.KeyResults) : null;
                if (!ReadsAligned(objective.From, objective.KeyResults.Count))
                {
                    result[objective.Id] = Combine(objective.From, objective.AlignedShare, own, null);
                }
                else if (!childrenDone)
                {
                    if (!started.Add(objective.Id)) continue; // already on the path: a cycle, it counts 0 there
                    stack.Push((objective, true));
                    foreach (var child in children[objective.Id])
                    {
                        if (!result.ContainsKey(child.Id) && !started.Contains(child.Id)) stack.Push((child, false));
                    }
                }
                else
                {
                    var aligned = children[objective.Id].ToList();
                    decimal? fromAligned = aligned.Count > 0
                        ? Progress.WeightedMean(aligned.Select(c => (result.GetValueOrDefault(c.Id).Progress, c.Weight)))
                        : null;
                    result[objective.Id] = Combine(objective.From, objective.AlignedShare, own, fromAligned);
                }
            }
        }

        return result;
    }
}
