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
        decimal Weight, ProgressSource ProgressFrom, decimal AlignedShare, ObjectiveState State, decimal? FinalScore, string? ClosingComment, string? ExternalId, Guid? CarriedOverFromId, Guid? CarriedOverToId, uint Version,
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

    /// <summary>The objectives with these ids, drafts included (for the event outbox, which decides who may read each event).</summary>
    public async Task<List<ObjectiveDto>> ManyAsync(IReadOnlyCollection<Guid> ids, CancellationToken ct) =>
        await ToDtosAsync(await Rows(db.Objectives.Where(o => ids.Contains(o.Id))).ToListAsync(ct), ct);

    /// <summary>One page, newest first then by id; <paramref name="after"/> reads on from a cursor (keyset) instead of an offset.</summary>
    public async Task<CursorPage<ObjectiveDto>> ListAsync(IQueryable<Objective> objectives, IPagedQuery paging, ListCursor? after, CancellationToken ct)
    {
        var visible = await access.VisibleAsync(objectives, ct);
        if (after is { } cursor && cursor.TryTime(out var createdAt))
        {
            var id = cursor.Id;
            visible = visible.Where(o => o.CreatedAt < createdAt || (o.CreatedAt == createdAt && o.Id.CompareTo(id) > 0));
        }

        var page = await Rows(visible.OrderByDescending(o => o.CreatedAt).ThenBy(o => o.Id)).ToCursorPageAsync(paging, r => ListCursor.Of(r.CreatedAt, r.Id), ct);
        return new CursorPage<ObjectiveDto>(await ToDtosAsync(page.Items, ct), page.TotalCount, page.Page, page.PageSize, page.NextCursor);
    }

    private IQueryable<ObjectiveRow> Rows(IQueryable<Objective> objectives) =>
        from o in objectives
        join t in db.Teams on o.TeamId equals t.Id
        join p in db.Periods on o.PeriodId equals p.Id
        select new ObjectiveRow(o.Id, o.Title, o.Description, o.PeriodId, o.TeamId, o.OwnerId, o.ParentId, t.ParentId == null, o.Weight,
            o.ProgressFrom, o.AlignedShare, o.State, o.FinalScore, o.ClosingComment, o.ExternalId, o.CarriedOverFromId, o.CarriedOverToId, o.Version, o.CreatedAt, o.ModifiedAt, p.StartDate, p.EndDate, p.State);

    private async Task<List<ObjectiveDto>> ToDtosAsync(IReadOnlyList<ObjectiveRow> rows, CancellationToken ct)
    {
        if (rows.Count == 0) return [];
        var ids = rows.Select(r => r.Id).ToArray();
        var keyResults = (await db.KeyResults.Where(k => ids.Contains(k.ObjectiveId))
                .OrderBy(k => k.CreatedAt).ThenBy(k => k.Id).ProjectToRow().ToListAsync(ct))
            .ToLookup(k => k.ObjectiveId);

        // Objectives whose progress reads what aligns below them (no key results, or progress from aligned objectives) get
        // it in one recursive query; the others are the weighted mean of their key results.
        var rollingUp = rows.Where(r => Rollup.ReadsAligned(r.ProgressFrom, keyResults[r.Id].Count())).ToList();
        var rolledUp = rollingUp.Count == 0 ? new Dictionary<Guid, RollupResult>() : await RollUpAsync(rollingUp, keyResults, ct);

        var now = clock.GetUtcNow();
        var rights = await access.RightsAsync(ct);
        return rows.Select(r =>
        {
            var period = new PeriodClock(r.PeriodStart, r.PeriodEnd, r.PeriodState, now);
            var rows = keyResults[r.Id].ToList();
            var krs = rows.Select(k => k.ToDto(period, r.State, rights.ForKeyResult(r.TeamId, r.OwnerId, k.OwnerId, period))).ToList();
            var (progress, keyResultShare) = rolledUp.TryGetValue(r.Id, out var rolled)
                ? rolled
                : new RollupResult(Progress.WeightedMean(krs.Select(k => (k.Progress, k.Weight))), 1);
            var (expected, status) = period.ObjectiveHealth(r.State, progress, [.. rows.Select(k => k.Pace)], keyResultShare);
            var level = Objective.LevelOf(r.TeamIsCompany, r.OwnerId);
            return new ObjectiveDto(r.Id, r.Title, r.Description, r.PeriodId, r.TeamId, r.OwnerId, r.ParentId, level, r.Weight, r.State, r.ProgressFrom,
                r.AlignedShare, keyResultShare, progress, expected, status, r.FinalScore, r.ClosingComment, r.ExternalId, r.CarriedOverFromId, r.CarriedOverToId, krs, r.Version,
                r.CreatedAt, r.ModifiedAt, rights.ForObjective(r.TeamId, r.OwnerId, level, r.State, period));
        }).ToList();
    }

    /// <summary>Progress of objectives that read what aligns below them, from everything aligned below, in one recursive query (bounded).</summary>
    private async Task<Dictionary<Guid, RollupResult>> RollUpAsync(List<ObjectiveRow> roots, ILookup<Guid, KeyResultRow> rootKeyResults, CancellationToken ct)
    {
        var parentIds = roots.Select(r => r.Id).ToArray();
        const string sql = """
            WITH RECURSIVE tree AS (
                SELECT o.id, o.parent_id, o.weight, o.progress_from, o.aligned_share, 1 AS depth FROM objectives o
                WHERE o.parent_id = ANY(@ids) AND o.state IN ('active', 'closed')
                UNION ALL
                SELECT o.id, o.parent_id, o.weight, o.progress_from, o.aligned_share, tree.depth + 1 FROM objectives o JOIN tree ON o.parent_id = tree.id
                WHERE o.state IN ('active', 'closed') AND tree.depth < @depth
            )
            SELECT t.id, t.parent_id, t.weight, t.progress_from, t.aligned_share, k.type, k.direction, k.baseline, k.target, k.current_value, k.weight
            FROM (SELECT DISTINCT id, parent_id, weight, progress_from, aligned_share FROM tree) t LEFT JOIN key_results k ON k.objective_id = t.id
            """;
        var nodes = new Dictionary<Guid, (Guid ParentId, decimal Weight, ProgressSource From, decimal AlignedShare, List<(decimal, decimal)> KeyResults)>();
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
                    node = (reader.GetGuid(1), reader.GetDecimal(2), SnakeCaseNames<ProgressSource>.ToValue[reader.GetString(3)], reader.GetDecimal(4), []);
                    nodes[id] = node;
                }

                if (reader.IsDBNull(5)) continue;
                var progress = Progress.OfKeyResult(
                    SnakeCaseNames<KeyResultType>.ToValue[reader.GetString(5)], SnakeCaseNames<Direction>.ToValue[reader.GetString(6)],
                    reader.GetDecimal(7), reader.GetDecimal(8), reader.GetDecimal(9));
                node.KeyResults.Add((progress, reader.GetDecimal(10)));
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }

        var inputs = nodes.Select(n => new RollupInput(n.Key, n.Value.ParentId, n.Value.Weight, n.Value.KeyResults, true, n.Value.From, n.Value.AlignedShare))
            // A root on the page may itself sit below another one on the page: add each objective once, with its own key results.
            .Concat(roots.Where(r => !nodes.ContainsKey(r.Id)).Select(r => new RollupInput(r.Id, null, 1,
                [.. rootKeyResults[r.Id].Select(k => (k.Progress, k.Weight))], true, r.ProgressFrom, r.AlignedShare)))
            .ToList();
        var rolled = Rollup.Compute(inputs);
        return parentIds.ToDictionary(id => id, id => rolled[id]);
    }
}
