using Npgsql;
using Okr.Api.Domain;

namespace Okr.Api.Features.Imports;

/// <summary>
/// The alignment rules over an import's resolved rows, checked with the domain's own code (<see cref="Domain.Alignment.Problem"/>,
/// <see cref="TeamTree"/>, <see cref="Objective.LevelOf"/>) against the team tree as the import leaves it. SQL only reads what the
/// rules need, in three queries: the teams, the file's objectives, and the objectives in Okr at the other end of a link the
/// import makes or changes. Only links the import makes or changes at either end are checked: links in Okr it leaves alone stand.
/// </summary>
internal sealed class AlignmentCheck(ImportSql sql)
{
    private sealed record Node(
        Guid Id, Guid? PeriodId, Guid? TeamId, Guid? OwnerId, Guid? ParentId, ObjectiveState State, string Name,
        bool InFile, bool Existed, bool Changed, bool HasErrors, ImportLocation At);

    public async Task CheckAsync(ImportErrorList errors, Func<char, string, string> fieldName, CancellationToken ct)
    {
        var teams = new List<(Guid Id, Guid? ParentId, string Slug)>();
        await sql.ReadAsync("SELECT id, parent_id, slug FROM teams", r => teams.Add((r.GetGuid(0), r.IsDBNull(1) ? null : r.GetGuid(1), r.GetString(2))), ct);
        var tree = new TeamTree(teams.Select(t => (t.Id, t.ParentId)));
        var slugs = teams.ToDictionary(t => t.Id, t => t.Slug);

        var moved = new Dictionary<Guid, ImportLocation>();
        await sql.ReadAsync("SELECT id, row_no, path FROM moved_teams", r => moved[r.GetGuid(0)] = Location(r, 1), ct);

        var nodes = new Dictionary<Guid, Node>();
        await sql.ReadAsync("""
            SELECT id, period_id, team_id, owner_id, parent_id, state, external_id, existing, changed, has_errors, row_no, path FROM staged_objectives
            """, r => nodes[r.GetGuid(0)] = new Node(r.GetGuid(0), Id(r, 1), Id(r, 2), Id(r, 3), Id(r, 4), State(r.GetString(5)), r.GetString(6),
                InFile: true, Existed: r.GetBoolean(7), Changed: r.GetBoolean(8), HasErrors: r.GetBoolean(9), Location(r, 10)), ct);

        // In Okr, outside the file: the parents the file aligns to, the children of objectives the file changes, and both ends of
        // every link that touches a team the import moves.
        await sql.ReadAsync("""
            WITH linked AS (
                SELECT o.id FROM objectives o WHERE o.id IN (SELECT parent_id FROM staged_objectives)
                UNION SELECT o.id FROM objectives o WHERE o.parent_id IN (SELECT id FROM staged_objectives WHERE existing)
                UNION SELECT o.id FROM objectives o WHERE o.team_id IN (SELECT id FROM moved_teams) AND o.parent_id IS NOT NULL
                UNION SELECT o.parent_id FROM objectives o WHERE o.team_id IN (SELECT id FROM moved_teams) AND o.parent_id IS NOT NULL
                UNION SELECT c.id FROM objectives c JOIN objectives p ON p.id = c.parent_id WHERE p.team_id IN (SELECT id FROM moved_teams)
            )
            SELECT o.id, o.period_id, o.team_id, o.owner_id, o.parent_id, o.state, coalesce(o.external_id, o.id::text)
            FROM objectives o JOIN linked l ON l.id = o.id
            WHERE NOT EXISTS (SELECT 1 FROM staged_objectives s WHERE s.id = o.id)
            """, r => nodes[r.GetGuid(0)] = new Node(r.GetGuid(0), r.GetGuid(1), r.GetGuid(2), Id(r, 3), Id(r, 4), State(r.GetString(5)), r.GetString(6),
                InFile: false, Existed: true, Changed: moved.ContainsKey(r.GetGuid(2)), HasErrors: false, default), ct);

        await CheckDepthAsync(errors, fieldName, nodes, ct);

        foreach (var child in nodes.Values)
        {
            if (child.ParentId is not { } parentId || !nodes.TryGetValue(parentId, out var parent)) continue;
            if (child.InFile)
            {
                // A link the file makes or changes, at either end.
                if (child.HasErrors || child.PeriodId is null || child.TeamId is null || !(child.Changed || parent.Changed)) continue;
                // In the API's order: an archived parent, then level and period, then a draft parent (AlignmentGuard, CreateObjective).
                var archived = parent.State == ObjectiveState.Archived ? Domain.Alignment.LinkProblem(child.State, parent.State) : null;
                if ((archived ?? Problem(child, parent, tree) ?? Domain.Alignment.LinkProblem(child.State, parent.State)) is { } problem)
                {
                    errors.Add(child.At, fieldName(StageRow.ObjectiveKind, "parent"), problem);
                }
            }
            else if (parent.InFile)
            {
                // An objective in Okr aligned to one the file changes: it must still fit below it.
                if (!parent.Existed || parent.HasErrors || parent.TeamId is null || parent.PeriodId is null || !(parent.Changed || child.Changed)) continue;
                if (!Domain.Alignment.LinkStands(child.State, parent.State))
                {
                    errors.Add(parent.At, fieldName(StageRow.ObjectiveKind, "state"), parent.State == ObjectiveState.Archived
                        ? $"The objective '{child.Name}' aligns to this one: {Domain.Alignment.ArchivingProblem(1)}"
                        : $"The objective '{child.Name}' aligns to this one and is not a draft: {Domain.Alignment.DraftParent}");
                }
                else if (Problem(child, parent, tree) is { } problem)
                {
                    errors.Add(parent.At, fieldName(StageRow.ObjectiveKind, "team"), $"The objective '{child.Name}' aligns to this one and would no longer fit: {problem}");
                }
            }
            else if ((child.Changed || parent.Changed) && child.PeriodId == parent.PeriodId && Problem(child, parent, tree) is not null)
            {
                // Both in Okr, outside the file, and a team at one end moves: only the levels can change (the periods did not).
                var team = moved.ContainsKey(child.TeamId!.Value) ? child.TeamId.Value : parent.TeamId!.Value;
                errors.Add(moved[team], fieldName('t', "parent"),
                    $"Moving this team would break an alignment: the objective '{child.Name}' of team '{slugs[child.TeamId.Value]}' aligns to " +
                    $"'{parent.Name}' of team '{slugs[parent.TeamId!.Value]}', which would no longer be above it.");
            }
        }
    }

    /// <summary>
    /// Alignment chains as the import leaves them hold at most <see cref="Limits.MaxAlignmentDepth"/> objectives
    /// (<see cref="Domain.Alignment.DepthProblem"/>): every objective's place in Okr, the file's placed over it, depths
    /// counted in one pass. Blamed on the file's row that places an objective there: the too-deep objective itself, or
    /// the nearest one above it.
    /// </summary>
    private async Task CheckDepthAsync(ImportErrorList errors, Func<char, string, string> fieldName, Dictionary<Guid, Node> nodes, CancellationToken ct)
    {
        var parents = new Dictionary<Guid, Guid?>();
        await sql.ReadAsync("SELECT id, parent_id FROM objectives", r => parents[r.GetGuid(0)] = Id(r, 1), ct);
        // The rows that place an objective somewhere new: only they can have made a chain too deep. A chain that was
        // already too deep before the limit existed is not the fault of a row that only renames something in it.
        var relinked = new HashSet<Guid>();
        foreach (var node in nodes.Values.Where(n => n.InFile))
        {
            if (!parents.TryGetValue(node.Id, out var before) || before != node.ParentId) relinked.Add(node.Id);
            parents[node.Id] = node.ParentId;
        }

        var depths = Chains.Depths(parents);
        var blamed = new HashSet<Guid>();
        foreach (var (id, depth) in depths)
        {
            if (depth != Limits.MaxAlignmentDepth + 1) continue; // where a chain first goes too deep
            var seen = new HashSet<Guid>();
            for (Guid? at = id; at is { } current && seen.Add(current); at = parents.GetValueOrDefault(current))
            {
                if (!relinked.Contains(current) || !nodes.TryGetValue(current, out var node) || node.HasErrors) continue;
                if (blamed.Add(current)) errors.Add(node.At, fieldName(StageRow.ObjectiveKind, "parent"), Domain.Alignment.DepthProblem(depth - 1, 0)!);
                break;
            }
        }
    }

    private static string? Problem(Node child, Node parent, TeamTree tree) =>
        parent.PeriodId is null || parent.TeamId is null
            ? null // the parent's own row already says what is missing
            : Domain.Alignment.Problem(AsAlignmentNode(child, tree), AsAlignmentNode(parent, tree), tree);

    private static AlignmentNode AsAlignmentNode(Node node, TeamTree tree) =>
        new(node.Id, Objective.LevelOf(tree.IsCompany(node.TeamId!.Value), node.OwnerId), node.TeamId.Value, node.PeriodId!.Value);

    private static Guid? Id(NpgsqlDataReader r, int i) => r.IsDBNull(i) ? null : r.GetGuid(i);

    private static ImportLocation Location(NpgsqlDataReader r, int i) => ImportSql.Location(r, i);

    private static ObjectiveState State(string? value) =>
        value is not null && Infrastructure.Persistence.SnakeCaseNames<ObjectiveState>.ToValue.TryGetValue(value, out var state) ? state : ObjectiveState.Active;
}
