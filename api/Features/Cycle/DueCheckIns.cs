using System.Data.Common;
using Okr.Api.Domain;
using Okr.Api.Infrastructure.Persistence;

namespace Okr.Api.Features.Cycle;

/// <summary>A key result whose check-in is due.</summary>
/// <param name="KeyResultId">The key result.</param>
/// <param name="Title">Its title.</param>
/// <param name="ObjectiveId">Its objective.</param>
/// <param name="ObjectiveTitle">The objective's title.</param>
/// <param name="OwnerId">Who checks in: the key result's owner, else the objective's owner; null for a team's key result nobody owns.</param>
/// <param name="LastCheckInAt">The latest check-in's measurement time; null when there was none.</param>
/// <param name="DueSince">When the check-in fell due: cadenceDays after the last check-in, or — before the first — after the later of the period's start and the key result's creation.</param>
/// <param name="DaysOverdue">Whole days since it fell due (0 on the day).</param>
public sealed record DueCheckInDto(
    Guid KeyResultId, string Title, Guid ObjectiveId, string ObjectiveTitle, Guid? OwnerId, DateTimeOffset? LastCheckInAt, DateTimeOffset DueSince, int DaysOverdue);

/// <summary>
/// The due rule of <see cref="CycleRules.IsDue"/> in SQL, so the list, the reminders and the key result's <c>stale</c>
/// flag agree: key results of active objectives in active, started periods whose last check-in (or the period's start)
/// is <c>cadence_days</c> or more ago. Closed and archived objectives never ask for anything.
/// </summary>
public sealed class DueCheckIns(OkrDbContext db, TimeProvider clock)
{
    private const string Due = """
        FROM key_results k
        JOIN objectives o ON o.id = k.objective_id
        JOIN periods p ON p.id = o.period_id
        CROSS JOIN LATERAL (SELECT coalesce(k.last_check_in_at, greatest(p.start_date::timestamp AT TIME ZONE 'UTC', k.created_at)) + make_interval(days => k.cadence_days) AS due_since) d
        WHERE p.state = 'active' AND o.state = 'active' AND p.start_date::timestamp AT TIME ZONE 'UTC' <= @now AND d.due_since <= @now
        """;

    private const string Columns = "k.id, k.title, o.id, o.title, coalesce(k.owner_id, o.owner_id), k.last_check_in_at, d.due_since";

    /// <summary>The person's (key results they own, or of objectives they own when the key result has none), or a team's; most overdue first.</summary>
    public async Task<(IReadOnlyList<DueCheckInDto> Items, int Total)> PageAsync(Guid? personId, Guid? teamId, int page, int pageSize, CancellationToken ct)
    {
        var filter = (personId is not null ? " AND (k.owner_id = @person OR (k.owner_id IS NULL AND o.owner_id = @person))" : "")
                     + (teamId is not null ? " AND o.team_id = @team" : "");
        var now = clock.GetUtcNow();
        var total = 0;
        var items = new List<DueCheckInDto>();
        await ReadAsync($"SELECT count(*) {Due}{filter}", now, personId, teamId, r => total = (int)r.GetInt64(0), ct);
        if (total > 0)
        {
            await ReadAsync($"SELECT {Columns} {Due}{filter} ORDER BY d.due_since, k.id LIMIT {pageSize} OFFSET {(long)(page - 1) * pageSize}",
                now, personId, teamId, r => items.Add(Row(r, now)), ct);
        }

        return (items, total);
    }

    /// <summary>Every due key result someone owns, grouped by that person (for the daily reminders).</summary>
    public async Task<Dictionary<Guid, List<DueCheckInDto>>> ByPersonAsync(DateTimeOffset now, CancellationToken ct)
    {
        var byPerson = new Dictionary<Guid, List<DueCheckInDto>>();
        await ReadAsync($"SELECT {Columns} {Due} AND coalesce(k.owner_id, o.owner_id) IS NOT NULL ORDER BY d.due_since, k.id", now, null, null, r =>
        {
            var item = Row(r, now);
            if (!byPerson.TryGetValue(item.OwnerId!.Value, out var list)) byPerson[item.OwnerId.Value] = list = [];
            list.Add(item);
        }, ct);
        return byPerson;
    }

    private static DueCheckInDto Row(DbDataReader r, DateTimeOffset now)
    {
        var dueSince = new DateTimeOffset(r.GetDateTime(6), TimeSpan.Zero);
        return new DueCheckInDto(r.GetGuid(0), r.GetString(1), r.GetGuid(2), r.GetString(3), r.IsDBNull(4) ? null : r.GetGuid(4),
            r.IsDBNull(5) ? null : new DateTimeOffset(r.GetDateTime(5), TimeSpan.Zero), dueSince, CycleRules.DaysOverdue(dueSince, now));
    }

    private Task ReadAsync(string sql, DateTimeOffset now, Guid? person, Guid? team, Action<DbDataReader> row, CancellationToken ct) =>
        db.ReadAsync(sql, parameters =>
        {
            parameters.AddWithValue("now", now.UtcDateTime);
            if (person is not null) parameters.AddWithValue("person", person.Value);
            if (team is not null) parameters.AddWithValue("team", team.Value);
        }, row, ct);
}
