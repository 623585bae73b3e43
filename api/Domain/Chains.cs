namespace Okr.Api.Domain;

/// <summary>Walks over trees that people and imports write (team trees, alignment chains): iterative, linear, and safe on loops.</summary>
public static class Chains
{
    /// <summary>
    /// Every node's depth at once (a root is 1), for any forest held as child → parent (teams, alignment chains), remembering each so that the whole tree costs one pass; a loop in
    /// the data ends the count where it closes.
    /// </summary>
    public static Dictionary<Guid, int> Depths(IReadOnlyDictionary<Guid, Guid?> parents)
    {
        var depths = new Dictionary<Guid, int>(parents.Count);
        var path = new List<Guid>();
        var onPath = new HashSet<Guid>();
        foreach (var start in parents.Keys)
        {
            path.Clear();
            onPath.Clear();
            var known = 0;
            for (Guid? current = start; current is { } id; current = parents.GetValueOrDefault(id))
            {
                if (depths.TryGetValue(id, out known)) break;
                if (!onPath.Add(id)) { known = 0; break; }
                path.Add(id);
            }

            for (var i = path.Count - 1; i >= 0; i--) depths[path[i]] = ++known;
        }

        return depths;
    }
}
