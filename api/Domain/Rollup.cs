namespace Okr.Api.Domain;

/// <summary>One objective as the roll-up sees it: its weight in its parent, whether it counts there, and its key results' (progress, weight).</summary>
public sealed record RollupInput(Guid Id, Guid? ParentId, decimal Weight, IReadOnlyList<(decimal Progress, decimal Weight)> KeyResults, bool CountsInParent = true);

/// <summary>
/// Progress of objectives: the weighted mean of their key results; an objective without key results
/// takes the weighted mean of the objectives aligned to it, all the way down.
/// </summary>
public static class Rollup
{
    /// <remarks>
    /// Iterative (an explicit stack, not recursion): alignment chains are data that people and imports write, and no
    /// chain, however deep, may overflow the stack of a read. A cycle in stored data counts as 0 where it closes.
    /// </remarks>
    public static Dictionary<Guid, decimal> Compute(IReadOnlyCollection<RollupInput> objectives)
    {
        var byId = objectives.ToDictionary(o => o.Id);
        var children = objectives.Where(o => o.CountsInParent && o.ParentId is not null && byId.ContainsKey(o.ParentId.Value))
            .ToLookup(o => o.ParentId!.Value);
        var result = new Dictionary<Guid, decimal>(objectives.Count);
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
                if (objective.KeyResults.Count > 0)
                {
                    result[objective.Id] = Progress.WeightedMean(objective.KeyResults);
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
                    result[objective.Id] = Progress.WeightedMean(children[objective.Id].Select(c => (result.GetValueOrDefault(c.Id), c.Weight)));
                }
            }
        }

        return result;
    }
}
