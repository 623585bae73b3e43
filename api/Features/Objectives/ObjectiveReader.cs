using Microsoft.EntityFrameworkCore;
using Npgsql;
using Okr.Api.Domain;
using Okr.Api.Features.KeyResults;
using Okr.Api.Infrastructure.Auth;
using Okr.Api.Infrastructure.Errors;
using Okr.Api.Infrastructure.Http;
using Okr.Api.Infrastructure.Persistence;

namespace Okr.Api.Features.Objectives;

/// <summary>
/// Reads objectives as the API returns them, in a fixed number of round trips: the objectives (one page),
/// their key results, and — only for objectives without key results — one recursive query for what aligns below them.
/// </summary>
public sealed class ObjectiveReader(OkrDbContext db, AccessPolicy access, TimeProvider clock)
{
    private sealed record ObjectiveRow(
        Guid Id, string Title, string? Description, Guid PeriodId, Guid TeamId, Guid? OwnerId, Guid? ParentId, bool TeamIsCompany,
        decimal Weight, ObjectiveState State, decimal? FinalScore, string? ClosingComment, string? ExternalId, Guid? CarriedOverFromId, Guid? CarriedOverToId, uint Version,
        DateTimeOffset CreatedAt, DateTimeOffset ModifiedAt, DateOnly PeriodStart, DateOnly PeriodEnd, PeriodState PeriodState);

    /// <param name="id">The objective.</param>
    /// <param name="ct">Cancellation.</param>
    /// <param name="justWritten">The caller has just created or changed it, so they get it back even when it is a draft they could not otherwise read.</param>
    public async Task<ObjectiveDto> GetAsync(Guid id, CancellationToken ct, bool justWritten = false)
    {
        var source = justWritten ? db.Objectives : await access.VisibleAsync(db.Objectives, ct);
        var rows = await Rows(source.Where(o => o.Id == id)).ToListAsync(ct);
        if (rows.Count == 0) throw new NotFoundException("Objective", id);
        return (await ToDtosAsync(rows, ct))[0];
    }

    public async Task<PagedList<ObjectiveDto>> ListAsync(IQueryable<Objective> objectives, IPagedQuery paging, CancellationToken ct)
    {
        var visible = await access.VisibleAsync(objectives, ct);
        var page = await Rows(visible.OrderByDescending(o => o.CreatedAt).ThenBy(o => o.Id)).ToPagedListAsync(paging, ct);
        return new PagedList<ObjectiveDto>(await ToDtosAsync(page.Items, ct), page.TotalCount, page.Page, page.PageSize);
    }

    private IQueryable<ObjectiveRow> Rows(IQueryable<Objective> objectives) =>
        from o in objectives
        join t in db.Teams on o.TeamId equals t.Id
        join p in db.Periods on o.PeriodId equals p.Id
        select new ObjectiveRow(o.Id, o.Title, o.Description, o.PeriodId, o.TeamId, o.OwnerId, o.ParentId, t.ParentId == null, o.Weight,
            o.State, o.FinalScore, o.ClosingComment, o.ExternalId, o.CarriedOverFromId, o.CarriedOverToId, o.Version, o.CreatedAt, o.ModifiedAt, p.StartDate, p.EndDate, p.State);

    private async Task<List<ObjectiveDto>> ToDtosAsync(IReadOnlyList<ObjectiveRow> rows, CancellationToken ct)
    {
        if (rows.Count == 0) return [];
        var ids = rows.Select(r => r.Id).ToArray();
        var keyResults = (await db.KeyResults.Where(k => ids.Contains(k.ObjectiveId))
                .OrderBy(k => k.CreatedAt).ThenBy(k => k.Id).ProjectToRow().ToListAsync(ct))
            .ToLookup(k => k.ObjectiveId);

        var withoutKeyResults = rows.Where(r => !keyResults[r.Id].Any()).Select(r => r.Id).ToArray();
        var fromChildren = withoutKeyResults.Length == 0 ? new Dictionary<Guid, decimal>() : await RollUpChildrenAsync(withoutKeyResults, ct);

        var now = clock.GetUtcNow();
        var rights = await access.RightsAsync(ct);
        return rows.Select(r =>
        {
            var period = new PeriodClock(r.PeriodStart, r.PeriodEnd, r.PeriodState, now);
            var rows = keyResults[r.Id].ToList();
            var krs = rows.Select(k => k.ToDto(period, r.State, rights.ForKeyResult(r.TeamId, r.OwnerId, k.OwnerId, period))).ToList();
            var progress = krs.Count > 0
                ? Progress.WeightedMean(krs.Select(k => (k.Progress, k.Weight)))
                : fromChildren.GetValueOrDefault(r.Id);
            var (expected, status) = period.ObjectiveHealth(r.State, progress, [.. rows.Select(k => k.Pace)]);
            var level = Objective.LevelOf(r.TeamIsCompany, r.OwnerId);
            return new ObjectiveDto(r.Id, r.Title, r.Description, r.PeriodId, r.TeamId, r.OwnerId, r.ParentId, level, r.Weight, r.State, progress, expected,
                status, r.FinalScore, r.ClosingComment, r.ExternalId, r.CarriedOverFromId, r.CarriedOverToId, krs, r.Version,
                r.CreatedAt, r.ModifiedAt, rights.ForObjective(r.TeamId, r.OwnerId, level, r.State, period));
        }).ToList();
    }

    /// <summary>Progress of objectives without key results, from everything aligned below them, in one recursive query (bounded).</summary>
    private async Task<Dictionary<Guid, decimal>> RollUpChildrenAsync(Guid[] parentIds, CancellationToken ct)
    {
        const string sql = """
            WITH RECURSIVE tree AS (
                SELECT o.id, o.parent_id, o.weight, 1 AS depth FROM objectives o
                WHERE o.parent_id = ANY(@ids) AND o.state IN ('active', 'closed')
                UNION ALL
                SELECT o.id, o.parent_id, o.weight, tree.depth + 1 FROM objectives o JOIN tree ON o.parent_id = tree.id
                WHERE o.state IN ('active', 'closed') AND tree.depth < @depth
            )
            SELECT t.id, t.parent_id, t.weight, k.type, k.direction, k.baseline, k.target, k.current_value, k.weight
            FROM (SELECT DISTINCT id, parent_id, weight FROM tree) t LEFT JOIN key_results k ON k.objective_id = t.id
            """;
        var nodes = new Dictionary<Guid, (Guid ParentId, decimal Weight, List<(decimal, decimal)> KeyResults)>();
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var command = new NpgsqlCommand(sql, connection);
            command.Parameters.AddWithValue("ids", parentIds);
            // Bounded like every walk over user data: chains are at most Limits.MaxAlignmentDepth long (API and import refuse
            // longer ones), so this reaches every objective that can count; a loop or a chain written around the API ends here.
            command.Parameters.AddWithValue("depth", Limits.MaxAlignmentDepth);
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                var id = reader.GetGuid(0);
                if (!nodes.TryGetValue(id, out var node))
                {
                    node = (reader.GetGuid(1), reader.GetDecimal(2), []);
                    nodes[id] = node;
                }

                if (reader.IsDBNull(3)) continue;
                var progress = Progress.OfKeyResult(
                    SnakeCaseNames<KeyResultType>.ToValue[reader.GetString(3)], SnakeCaseNames<Direction>.ToValue[reader.GetString(4)],
                    reader.GetDecimal(5), reader.GetDecimal(6), reader.GetDecimal(7));
                node.KeyResults.Add((progress, reader.GetDecimal(8)));
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }

        var inputs = nodes.Select(n => new RollupInput(n.Key, n.Value.ParentId, n.Value.Weight, n.Value.KeyResults))
            // A parent on the page may itself sit below another one on the page: add each objective once.
            .Concat(parentIds.Where(id => !nodes.ContainsKey(id)).Select(id => new RollupInput(id, null, 1, [])))
            .ToList();
        return Rollup.Compute(inputs);
    }
}
