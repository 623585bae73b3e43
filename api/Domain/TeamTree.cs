namespace Okr.Api.Domain;

/// <summary>The organisation's teams as a tree, held in memory: an organisation has tens or hundreds of teams, not millions.</summary>
public sealed class TeamTree
{
    /// <summary>The company is the root: it has no parent and never moves under another team.</summary>
    public const string CompanyStaysAtRoot = "The company team stays at the root: it has no parent and cannot move under another team.";

    /// <summary>One team, the company, is the only one without a parent.</summary>
    public const string OneCompany = "The organisation has one company team, the only team without a parent: give this team a parent.";

    /// <summary>A team never sits below itself.</summary>
    public const string NoLoop = "A team cannot move under itself or one of its own sub-teams.";

    /// <summary>
    /// Would <paramref name="team"/> under <paramref name="parent"/> sit below itself, with the other teams where
    /// <paramref name="parents"/> (team → parent) has them? Walks up iteratively and stops on a loop already in the
    /// data, so no tree, however deep or broken, makes it run for ever. POST/PATCH /teams and the import ask the same.
    /// </summary>
    public static bool WouldLoop(Guid team, Guid parent, IReadOnlyDictionary<Guid, Guid?> parents)
    {
        var seen = new HashSet<Guid>();
        for (Guid? current = parent; current is { } id && seen.Add(id); current = id == team ? null : parents.GetValueOrDefault(id))
        {
            if (id == team) return true;
        }

        return false;
    }

    /// <summary>
    /// How many levels down <paramref name="team"/> sits (the company is 1), with parents as <paramref name="parents"/>
    /// has them; iterative, and a loop in the data stops the count rather than the process.
    /// </summary>
    public static int Depth(Guid team, IReadOnlyDictionary<Guid, Guid?> parents)
    {
        var seen = new HashSet<Guid>();
        var depth = 0;
        for (Guid? current = team; current is { } id && seen.Add(id); current = parents.GetValueOrDefault(id)) depth++;
        return depth;
    }

    /// <summary>Levels below <paramref name="root"/> in this tree (0 for a team without sub-teams).</summary>
    public int Height(Guid root)
    {
        var height = 0;
        var seen = new HashSet<Guid>();
        var stack = new Stack<(Guid Id, int Level)>([(root, 0)]);
        while (stack.Count > 0)
        {
            var (id, level) = stack.Pop();
            if (!seen.Add(id)) continue;
            height = Math.Max(height, level);
            foreach (var child in _children[id]) stack.Push((child, level + 1));
        }

        return height;
    }

    /// <returns>Why a team at <paramref name="depth"/> levels is refused, or null.</returns>
    public static string? DepthProblem(int depth) =>
        depth > Limits.MaxTeamDepth ? $"The team tree is at most {Limits.MaxTeamDepth} levels deep, the company included: this would make it {depth}." : null;

    /// <summary>Each team's parent, as the tree holds them.</summary>
    public IReadOnlyDictionary<Guid, Guid?> Parents => _parents;

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
