namespace Okr.Api.Domain;

/// <summary>The organisation's teams as a tree, held in memory: an organisation has tens or hundreds of teams, not millions.</summary>
public sealed class TeamTree
{
    private readonly Dictionary<Guid, Guid?> _parents;
    private readonly ILookup<Guid?, Guid> _children;

    public TeamTree(IEnumerable<(Guid Id, Guid? ParentId)> teams)
    {
        var list = teams.ToList();
        _parents = list.ToDictionary(t => t.Id, t => t.ParentId);
        _children = list.ToLookup(t => t.ParentId, t => t.Id);
    }

    public bool Contains(Guid id) => _parents.ContainsKey(id);

    public IEnumerable<Guid> Ids => _parents.Keys;

    /// <summary>The same tree with one team moved under another.</summary>
    public TeamTree Moved(Guid team, Guid newParent) =>
        new(_parents.Select(p => (p.Key, p.Key == team ? (Guid?)newParent : p.Value)));

    public bool IsCompany(Guid id) => _parents.TryGetValue(id, out var parent) && parent is null;

    /// <summary>True when <paramref name="ancestor"/> is above <paramref name="team"/> (not the team itself).</summary>
    public bool IsStrictAncestor(Guid ancestor, Guid team)
    {
        var seen = 0;
        for (var current = Parent(team); current is not null && seen++ < _parents.Count; current = Parent(current.Value))
        {
            if (current == ancestor) return true;
        }

        return false;
    }

    /// <summary>The team and every team below it.</summary>
    public HashSet<Guid> Subtree(Guid root)
    {
        var result = new HashSet<Guid>();
        var stack = new Stack<Guid>([root]);
        while (stack.Count > 0)
        {
            var id = stack.Pop();
            if (!result.Add(id)) continue;
            foreach (var child in _children[id]) stack.Push(child);
        }

        return result;
    }

    private Guid? Parent(Guid id) => _parents.TryGetValue(id, out var parent) ? parent : null;
}
