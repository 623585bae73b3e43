namespace Okr.Api.Domain;

/// <summary>One objective as the roll-up sees it: its weight in its parent, whether it counts there, and its key results' (progress, weight).</summary>
public sealed record RollupInput(Guid Id, Guid? ParentId, decimal Weight, IReadOnlyList<(decimal Progress, decimal Weight)> KeyResults, bool CountsInParent = true);

/// <summary>
/// Progress of objectives: the weighted mean of their key results; an objective without key results
/// takes the weighted mean of the objectives aligned to it, all the way down.
/// </summary>
public static class Rollup
{
    public static Dictionary<Guid, decimal> Compute(IReadOnlyCollection<RollupInput> objectives)
    {
        var byId = objectives.ToDictionary(o => o.Id);
        var children = objectives.Where(o => o.CountsInParent && o.ParentId is not null && byId.ContainsKey(o.ParentId.Value))
            .ToLookup(o => o.ParentId!.Value);
        var result = new Dictionary<Guid, decimal>(objectives.Count);
        var visiting = new HashSet<Guid>();

        decimal ProgressOf(RollupInput objective)
        {
            if (result.TryGetValue(objective.Id, out var known)) return known;
            if (!visiting.Add(objective.Id)) return 0; // a cycle in stored data must not hang a read

            var progress = objective.KeyResults.Count > 0
                ? Progress.WeightedMean(objective.KeyResults)
                : Progress.WeightedMean(children[objective.Id].Select(c => (ProgressOf(c), c.Weight)));
            visiting.Remove(objective.Id);
            result[objective.Id] = progress;
            return progress;
        }

        foreach (var objective in objectives) ProgressOf(objective);
        return result;
    }
}
