using System.Data.Common;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Okr.Api.Domain;
using Okr.Api.Features.Cycle;
using Okr.Api.Features.KeyResults;
using Okr.Api.Infrastructure.Auth;
using Okr.Api.Infrastructure.Errors;
using Okr.Api.Infrastructure.Persistence;

namespace Okr.Api.Features.Conversations;

/// <summary>What kind of change a highlight points out.</summary>
public enum HighlightKind { Achieved, ConfidenceDrop, WentAtRisk, Recovered, Stale, NewObjective, Closed, NoCheckIns }

/// <summary>
/// What changed for the person between the previous held conversation (or, for a first one, 30 days before it is
/// scheduled) and now (or when it was held): prepared in a minute, from the check-in history.
/// </summary>
/// <param name="EmployeeId">The person.</param>
/// <param name="Since">Start of the window (UTC).</param>
/// <param name="Until">End of the window: now, or when the conversation was held.</param>
/// <param name="Objectives">The person's objectives (owned, or holding a key result they own) in periods that overlap the window, or created or closed in it; drafts and archived ones are left out.</param>
/// <param name="Highlights">What is worth talking about first.</param>
/// <param name="DueCheckIns">The person's key results whose check-in is due now.</param>
/// <param name="OpenActionItems">Action items of this and the person's earlier conversations that are not done.</param>
public sealed record ConversationPacketDto(
    Guid EmployeeId, DateTimeOffset Since, DateTimeOffset Until, IReadOnlyList<PacketObjectiveDto> Objectives, IReadOnlyList<HighlightDto> Highlights,
    IReadOnlyList<DueCheckInDto> DueCheckIns, IReadOnlyList<ActionItemDto> OpenActionItems);

/// <summary>An objective then and now.</summary>
/// <param name="ObjectiveId">The objective.</param>
/// <param name="Title">Its title.</param>
/// <param name="Level">company, team or individual.</param>
/// <param name="State">active or closed.</param>
/// <param name="ProgressThen">0..1 at the start of the window: the key results that existed then, as measured then.</param>
/// <param name="ProgressNow">0..1 at the end of the window.</param>
/// <param name="StatusThen">Status at the start of the window.</param>
/// <param name="StatusNow">Status at the end of the window.</param>
/// <param name="CreatedInWindow">Created within the window.</param>
/// <param name="ClosedInWindow">Closed within the window.</param>
/// <param name="KeyResults">Its key results then and now.</param>
public sealed record PacketObjectiveDto(
    Guid ObjectiveId, string Title, ObjectiveLevel Level, ObjectiveState State, decimal ProgressThen, decimal ProgressNow, Status StatusThen, Status StatusNow,
    bool CreatedInWindow, bool ClosedInWindow, IReadOnlyList<PacketKeyResultDto> KeyResults);

/// <summary>A key result then and now, from its check-ins (the latest with measuredAt at or before each moment; its baseline before any).</summary>
/// <param name="KeyResultId">The key result.</param>
/// <param name="Title">Its title.</param>
/// <param name="ValueThen">Its value at the start of the window.</param>
/// <param name="ValueNow">Its value at the end of the window.</param>
/// <param name="ProgressThen">0..1 then (today's definition: baseline, target, direction).</param>
/// <param name="ProgressNow">0..1 now.</param>
/// <param name="ConfidenceThen">0..10 then; null before any check-in.</param>
/// <param name="ConfidenceNow">0..10 now; null before any check-in.</param>
/// <param name="CheckIns">Check-ins measured within the window.</param>
/// <param name="LastCheckInAt">Its latest measurement up to the end of the window.</param>
/// <param name="Stale">Its check-in is due now.</param>
public sealed record PacketKeyResultDto(
    Guid KeyResultId, string Title, decimal ValueThen, decimal ValueNow, decimal ProgressThen, decimal ProgressNow, int? ConfidenceThen, int? ConfidenceNow,
    int CheckIns, DateTimeOffset? LastCheckInAt, bool Stale);

/// <summary>One thing worth talking about.</summary>
/// <param name="Kind">achieved, confidence_drop (2 points or more), went_at_risk, recovered, stale, new_objective, closed or no_check_ins.</param>
/// <param name="ObjectiveId">The objective.</param>
/// <param name="KeyResultId">The key result, for kinds about one.</param>
/// <param name="Text">The highlight in words.</param>
public sealed record HighlightDto(HighlightKind Kind, Guid ObjectiveId, Guid? KeyResultId, string Text);

public sealed record GetConversationPacketQuery(Guid Id) : IQuery<ConversationPacketDto>;

/// <summary>
/// Seven round trips whatever the history's length: the conversation, the previous one, the objectives, their key
/// results with "then" and "now" from the check-ins (one lateral query), closings from the audit log, due check-ins
/// (two), open action items.
/// </summary>
public sealed class GetConversationPacketQueryHandler(OkrDbContext db, ConversationAccess access, AccessPolicy policy, ConversationReader reader, DueCheckIns due, TimeProvider clock)
    : IQueryHandler<GetConversationPacketQuery, ConversationPacketDto>
{
    /// <summary>How far a first conversation looks back.</summary>
    public static readonly TimeSpan FirstWindow = TimeSpan.FromDays(30);

    /// <summary>A drop in confidence this large (points of 10) is worth talking about.</summary>
    public const int ConfidenceDrop = 2;

    public async ValueTask<ConversationPacketDto> Handle(GetConversationPacketQuery query, CancellationToken cancellationToken)
    {
        var c = await access.Visible(db.Conversations).AsNoTracking().SingleOrDefaultAsync(x => x.Id == query.Id, cancellationToken)
                ?? throw new NotFoundException("Conversation", query.Id);
        var now = clock.GetUtcNow();
        var previous = await reader.PreviousAsync(c, cancellationToken);
        var until = c.HeldAt ?? now;
        var since = previous?.HeldAt ?? c.ScheduledAt - FirstWindow;
        if (since > until) since = until - FirstWindow; // a first conversation far in the future still looks back a month from today
        var employee = c.EmployeeId;
        var (fromDay, toDay) = (DateOnly.FromDateTime(since.UtcDateTime), DateOnly.FromDateTime(until.UtcDateTime));

        var visible = await policy.VisibleAsync(db.Objectives, cancellationToken);
        var objectives = await (from o in visible
                                join p in db.Periods on o.PeriodId equals p.Id
                                join t in db.Teams on o.TeamId equals t.Id
                                where o.State != ObjectiveState.Draft && o.State != ObjectiveState.Archived
                                      && (o.OwnerId == employee || db.KeyResults.Any(k => k.ObjectiveId == o.Id && k.OwnerId == employee))
                                      && ((p.StartDate <= toDay && p.EndDate >= fromDay) || (o.CreatedAt > since && o.CreatedAt <= until) || o.ModifiedAt > since)
                                orderby o.CreatedAt, o.Id
                                select new { o.Id, o.Title, o.OwnerId, o.State, o.CreatedAt, Company = t.ParentId == null, p.StartDate, p.EndDate, PeriodState = p.State })
            .ToListAsync(cancellationToken);
        var ids = objectives.Select(o => o.Id).ToArray();
        var keyResults = await ReadKeyResultsAsync(ids, since, until, cancellationToken);
        var closedInWindow = await ClosedAsync(ids, since, until, cancellationToken);

        var result = new List<PacketObjectiveDto>();
        var highlights = new List<HighlightDto>();
        foreach (var o in objectives)
        {
            var then = new PeriodClock(o.StartDate, o.EndDate, o.PeriodState, since);
            var at = new PeriodClock(o.StartDate, o.EndDate, o.PeriodState, until);
            var current = new PeriodClock(o.StartDate, o.EndDate, o.PeriodState, now);
            var krs = keyResults.Where(k => k.ObjectiveId == o.Id).ToList();
            var dtos = krs.Select(k => new PacketKeyResultDto(k.Id, k.Title, k.ValueThen, k.ValueNow, k.ProgressThen, k.ProgressNow, k.ConfidenceThen, k.ConfidenceNow,
                k.CheckIns, k.LastAt, KeyResult.IsStale(o.State, o.PeriodState, o.StartDate, k.LastCheckInAt, k.CreatedAt, k.CadenceDays, now))).ToList();
            var existedThen = krs.Where(k => k.CreatedAt <= since).ToList();
            var progressThen = Progress.WeightedMean(existedThen.Select(k => (k.ProgressThen, k.Weight)));
            var progressNow = Progress.WeightedMean(krs.Select(k => (k.ProgressNow, k.Weight)));
            // The same rule as every read, at each end of the window: a confidence then means someone had checked in by then.
            // Then, the objective was being worked on; now, a closed one says closed (its score speaks for it).
            var statusThen = then.ObjectiveHealth(ObjectiveState.Active, progressThen,
                [.. existedThen.Select(k => new KeyResultPace(k.ProgressThen, k.Weight, k.ConfidenceThen, k.CreatedAt, k.ConfidenceThen is not null, k.CadenceDays))]).Status;
            var statusNow = at.ObjectiveHealth(o.State, progressNow,
                [.. krs.Select(k => new KeyResultPace(k.ProgressNow, k.Weight, k.ConfidenceNow, k.CreatedAt, k.LastAt is not null, k.CadenceDays))]).Status;
            var created = o.CreatedAt > since && o.CreatedAt <= until;
            var closed = closedInWindow.Contains(o.Id);
            result.Add(new PacketObjectiveDto(o.Id, o.Title, Objective.LevelOf(o.Company, o.OwnerId), o.State, progressThen, progressNow, statusThen, statusNow, created, closed, dtos));

            var title = o.Title;
            if (closed) highlights.Add(new(HighlightKind.Closed, o.Id, null, $"“{title}” was closed."));
            if (created) highlights.Add(new(HighlightKind.NewObjective, o.Id, null, $"New objective: “{title}”."));
            if (!created && o.State == ObjectiveState.Active && statusThen != Status.AtRisk && statusNow == Status.AtRisk)
            {
                highlights.Add(new(HighlightKind.WentAtRisk, o.Id, null, $"“{title}” went at risk ({Percent(progressNow)} done)."));
            }

            if (!created && statusThen is Status.AtRisk or Status.Behind && statusNow == Status.OnTrack)
            {
                highlights.Add(new(HighlightKind.Recovered, o.Id, null, $"“{title}” is back on track."));
            }

            if (o.State == ObjectiveState.Active && current.Started && krs.Count > 0 && krs.All(k => k.CheckIns == 0))
            {
                highlights.Add(new(HighlightKind.NoCheckIns, o.Id, null, $"No check-ins on “{title}” in this window."));
            }

            foreach (var k in krs)
            {
                if (k.ProgressNow >= 1 && (k.ProgressThen < 1 || k.CreatedAt > since)) highlights.Add(new(HighlightKind.Achieved, o.Id, k.Id, $"“{k.Title}” reached its target."));
                if (k.ConfidenceThen - k.ConfidenceNow >= ConfidenceDrop)
                {
                    highlights.Add(new(HighlightKind.ConfidenceDrop, o.Id, k.Id, $"Confidence in “{k.Title}” fell from {k.ConfidenceThen} to {k.ConfidenceNow}."));
                }
            }

            foreach (var stale in dtos.Where(d => d.Stale)) highlights.Add(new(HighlightKind.Stale, o.Id, stale.KeyResultId, $"“{stale.Title}” is waiting for a check-in."));
        }

        var (dueItems, _) = await due.PageAsync(employee, null, 1, 100, cancellationToken);
        var open = await reader.ActionItemsOf(c).Where(a => !a.Done).ToListAsync(cancellationToken);
        // What needs attention first: risks and drops, then what is waiting, then the good news.
        var ordered = highlights.OrderBy(h => h.Kind switch
        {
            HighlightKind.WentAtRisk => 0, HighlightKind.ConfidenceDrop => 1, HighlightKind.Stale => 2, HighlightKind.NoCheckIns => 3,
            HighlightKind.Achieved => 4, HighlightKind.Recovered => 5, HighlightKind.Closed => 6, _ => 7,
        }).ToList();
        return new ConversationPacketDto(employee, since, until, result, ordered, dueItems, [.. open.Select(ConversationReader.ToDto)]);
    }

    private static string Percent(decimal fraction) => $"{Math.Round(fraction * 100)}%";

    private sealed record KeyResultThenNow(
        Guid Id, Guid ObjectiveId, string Title, decimal Weight, int CadenceDays, DateTimeOffset CreatedAt, DateTimeOffset? LastCheckInAt,
        decimal ValueThen, decimal ValueNow, decimal ProgressThen, decimal ProgressNow, int? ConfidenceThen, int? ConfidenceNow, int CheckIns, DateTimeOffset? LastAt);

    /// <summary>Each key result with its value and confidence at both ends of the window and its check-ins within it: one query.</summary>
    private async Task<List<KeyResultThenNow>> ReadKeyResultsAsync(Guid[] objectiveIds, DateTimeOffset since, DateTimeOffset until, CancellationToken ct)
    {
        var rows = new List<KeyResultThenNow>();
        if (objectiveIds.Length == 0) return rows;
        await db.ReadAsync("""
            SELECT k.id, k.objective_id, k.title, k.weight, k.cadence_days, k.created_at, k.last_check_in_at, k.type, k.direction, k.baseline, k.target,
                   t.value, t.confidence, n.value, n.confidence, w.count, n.measured_at
            FROM key_results k
            LEFT JOIN LATERAL (SELECT c.value, c.confidence FROM check_ins c WHERE c.key_result_id = k.id AND c.measured_at <= @since
                               ORDER BY c.measured_at DESC, c.created_at DESC LIMIT 1) t ON true
            LEFT JOIN LATERAL (SELECT c.value, c.confidence, c.measured_at FROM check_ins c WHERE c.key_result_id = k.id AND c.measured_at <= @until
                               ORDER BY c.measured_at DESC, c.created_at DESC LIMIT 1) n ON true
            CROSS JOIN LATERAL (SELECT count(*) AS count FROM check_ins c WHERE c.key_result_id = k.id AND c.measured_at > @since AND c.measured_at <= @until) w
            WHERE k.objective_id = ANY(@ids)
            ORDER BY k.created_at, k.id
            """, parameters =>
        {
            parameters.AddWithValue("ids", objectiveIds);
            parameters.AddWithValue("since", since.UtcDateTime);
            parameters.AddWithValue("until", until.UtcDateTime);
        }, r =>
        {
            var type = SnakeCaseNames<KeyResultType>.ToValue[r.GetString(7)];
            var direction = SnakeCaseNames<Direction>.ToValue[r.GetString(8)];
            var (baseline, target) = (r.GetDecimal(9), r.GetDecimal(10));
            var then = r.IsDBNull(11) ? baseline : r.GetDecimal(11);
            var value = r.IsDBNull(13) ? baseline : r.GetDecimal(13);
            rows.Add(new KeyResultThenNow(r.GetGuid(0), r.GetGuid(1), r.GetString(2), r.GetDecimal(3), r.GetInt32(4), Utc(r, 5)!.Value, Utc(r, 6),
                then, value, Progress.OfKeyResult(type, direction, baseline, target, then), Progress.OfKeyResult(type, direction, baseline, target, value),
                r.IsDBNull(12) ? null : r.GetInt32(12), r.IsDBNull(14) ? null : r.GetInt32(14), (int)r.GetInt64(15), Utc(r, 16)));
        }, ct);
        return rows;
    }

    /// <summary>The objectives whose state became closed within the window, from the audit log (an import's closings are recorded there too).</summary>
    private async Task<HashSet<Guid>> ClosedAsync(Guid[] objectiveIds, DateTimeOffset since, DateTimeOffset until, CancellationToken ct)
    {
        var closed = new HashSet<Guid>();
        if (objectiveIds.Length == 0) return closed;
        await db.ReadAsync("""
            SELECT DISTINCT entity_id FROM audit_log
            WHERE entity_type = 'objective' AND entity_id = ANY(@ids) AND at > @since AND at <= @until AND changes -> 'state' ->> 'new' = 'closed'
            """, parameters =>
        {
            parameters.AddWithValue("ids", objectiveIds);
            parameters.AddWithValue("since", since.UtcDateTime);
            parameters.AddWithValue("until", until.UtcDateTime);
        }, r => closed.Add(r.GetGuid(0)), ct);
        return closed;
    }

    private static DateTimeOffset? Utc(DbDataReader r, int i) => r.IsDBNull(i) ? null : new DateTimeOffset(r.GetDateTime(i), TimeSpan.Zero);
}
