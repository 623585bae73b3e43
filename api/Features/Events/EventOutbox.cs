using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Okr.Api.Domain;
using Okr.Api.Features.KeyResults;
using Okr.Api.Infrastructure.Persistence;

namespace Okr.Api.Features.Events;

/// <summary>
/// The transactional outbox (docs/events.md): turns what the saves of a command changed into events, and writes them in
/// the command's own transaction just before it commits, so an event exists exactly when its change does. A rolled-back
/// change leaves no event; a committed one always has its event. Webhook deliveries are made from the events by the
/// database itself (trigger <c>events_fan_out</c>), and notifications and chat posts by <see cref="Notifications.NotificationRules"/>,
/// in the same transaction.
/// </summary>
public sealed class EventOutbox(OkrDbContext db, EventSnapshots snapshots, Notifications.NotificationRules notifications, TimeProvider clock)
{
    /// <summary>
    /// Runs <paramref name="work"/> in a transaction and writes its events before committing; joins the transaction already
    /// open (an Idempotency-Key request's), whose owner then commits. A transient database failure retries the whole work.
    /// </summary>
    public async Task<T> InTransactionAsync<T>(Func<CancellationToken, Task<T>> work, CancellationToken ct)
    {
        if (db.Database.CurrentTransaction is not null)
        {
            var joined = await work(ct);
            await FlushAsync(ct);
            return joined;
        }

        return await db.Database.CreateExecutionStrategy().ExecuteAsync(async token =>
        {
            db.ChangeTracker.Clear();
            db.PendingChanges.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(token);
            var result = await work(token);
            await FlushAsync(token);
            await transaction.CommitAsync(token);
            return result;
        }, ct);
    }

    /// <summary>Writes the events of what was saved since the last flush. Call it inside the transaction, before the commit.</summary>
    public async Task FlushAsync(CancellationToken ct)
    {
        if (db.PendingChanges.Count == 0) return;
        var changes = db.PendingChanges.ToList();
        db.PendingChanges.Clear();
        var planned = EventPlan.From(changes);

        Guid[] Ids(SnapshotKind kind) => [.. planned.Where(p => p.Kind == kind).Select(p => p.SubjectId).Distinct()];
        var objectives = await snapshots.ObjectivesAsync(Ids(SnapshotKind.Objective), ct);
        var checkIns = await snapshots.CheckInsAsync(Ids(SnapshotKind.CheckIn), ct);
        var periods = await snapshots.PeriodsAsync(Ids(SnapshotKind.Period), ct);
        var teams = await snapshots.TeamsAsync(Ids(SnapshotKind.Team), ct);
        var users = await snapshots.UsersAsync(Ids(SnapshotKind.User), ct);
        var conversations = await snapshots.ConversationsAsync(Ids(SnapshotKind.Conversation), ct);
        var comments = await snapshots.CommentsAsync(Ids(SnapshotKind.Comment), ct);
        var members = await snapshots.MembersAsync([.. planned.Where(p => p.Kind == SnapshotKind.Member)
            .Select(p => (TeamMembership)p.Change.Entity).Select(m => (m.TeamId, m.UserId)).Distinct()], ct);

        // Key results are read for their own events and for the status a change may have moved: every key result written,
        // checked in on, or of an objective or period whose change moves its status.
        var created = changes.Where(c => c.Entity is KeyResult && c.Action == AuditAction.Created).Select(c => c.EntityId).ToHashSet();
        var watched = changes.Where(c => c.Action != AuditAction.Deleted).SelectMany(c => c.Entity switch
        {
            KeyResult k => [k.Id],
            CheckIn ci => [ci.KeyResultId],
            _ => Array.Empty<Guid>(),
        }).Concat(Ids(SnapshotKind.KeyResult)).ToHashSet();
        var statusObjectives = changes.Where(c => c is { Entity: Objective, Action: AuditAction.Updated } && c.Changed("state")).Select(c => c.EntityId).ToArray();
        var statusPeriods = changes.Where(c => c is { Entity: Period, Action: AuditAction.Updated } && (c.Changed("state") || c.Changed("startDate") || c.Changed("endDate")))
            .Select(c => c.EntityId).ToArray();
        if (statusObjectives.Length > 0 || statusPeriods.Length > 0)
        {
            watched.UnionWith(await db.KeyResults.Where(k => statusObjectives.Contains(k.ObjectiveId) || db.Objectives.Any(o => o.Id == k.ObjectiveId && statusPeriods.Contains(o.PeriodId)))
                .Select(k => k.Id).ToListAsync(ct));
        }

        var keyResults = await snapshots.KeyResultsAsync(watched, ct);
        var drafts = await DraftObjectivesAsync(keyResults.Values.Select(k => k.ObjectiveId)
            .Concat(changes.Where(c => c.Entity is KeyResult or CheckIn or Comment).Select(c => c.ObjectiveId ?? Guid.Empty)), ct);

        var events = new List<ChangeEvent>();
        foreach (var p in planned)
        {
            JsonObject? data = p.Kind switch
            {
                SnapshotKind.Inline => p.Inline,
                SnapshotKind.Objective => objectives.GetValueOrDefault(p.SubjectId),
                SnapshotKind.KeyResult => keyResults.TryGetValue(p.SubjectId, out var k) ? snapshots.Node(k) : null,
                SnapshotKind.CheckIn => checkIns.GetValueOrDefault(p.SubjectId),
                SnapshotKind.Period => periods.GetValueOrDefault(p.SubjectId),
                SnapshotKind.Team => teams.GetValueOrDefault(p.SubjectId),
                SnapshotKind.User => users.GetValueOrDefault(p.SubjectId),
                SnapshotKind.Conversation => conversations.TryGetValue(p.SubjectId, out var v) ? v.Data : null,
                SnapshotKind.Comment => comments.GetValueOrDefault(p.SubjectId),
                SnapshotKind.Member => members.GetValueOrDefault((p.SubjectId, ((TeamMembership)p.Change.Entity).UserId)),
                _ => null,
            };
            if (data is null) continue; // gone again within the command (a later save removed it)
            events.Add(new ChangeEvent
            {
                Type = p.Type, OccurredAt = p.Change.At, ActorUserId = p.Change.ActorUserId, ActorClientId = p.Change.ActorClientId,
                SubjectType = p.SubjectType, SubjectId = p.SubjectId, Data = data.ToJsonString(), Audience = AudienceOf(p, drafts),
            });
        }

        var actor = changes[^1];
        events.AddRange(await StatusChangesAsync(keyResults.Values, created, drafts, actor.At, actor.ActorUserId, actor.ActorClientId, ct));
        var createdObjectives = changes.Where(c => c.Entity is Objective && c.Action == AuditAction.Created).Select(c => c.EntityId).ToHashSet();
        var statusOf = keyResults.Values.Select(k => k.ObjectiveId)
            .Concat(changes.Where(c => c is { Entity: Objective, Action: AuditAction.Updated }).Select(c => c.EntityId))
            .Concat(createdObjectives).ToHashSet();
        events.AddRange(await ObjectiveStatusChangesAsync(statusOf, createdObjectives, objectives, actor.At, actor.ActorUserId, actor.ActorClientId, ct));
        if (events.Count == 0) return;
        await notifications.ApplyAsync(events, changes, ct);
        db.Events.AddRange(events);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// Announces every key result of <paramref name="scope"/> whose status moved since it was last announced (the period's
    /// clock moving it: planning → on track, on track → behind), in batches; the periodic sweep's work
    /// (<see cref="EventMaintenance"/>). Runs in its own transaction per batch.
    /// </summary>
    public async Task<int> SweepStatusesAsync(IQueryable<KeyResult> scope, CancellationToken ct)
    {
        var announced = 0;
        var all = await scope.Select(k => k.Id).ToListAsync(ct);
        foreach (var page in all.Chunk(2000))
        {
            announced += await db.Database.CreateExecutionStrategy().ExecuteAsync(async token =>
            {
                db.ChangeTracker.Clear();
                await using var transaction = await db.Database.BeginTransactionAsync(token);
                var keyResults = await snapshots.KeyResultsAsync(page, token);
                var drafts = await DraftObjectivesAsync(keyResults.Values.Select(k => k.ObjectiveId), token);
                var now = clock.GetUtcNow();
                var events = await StatusChangesAsync(keyResults.Values, new HashSet<Guid>(), drafts, now, null, null, token);
                events.AddRange(await ObjectiveStatusChangesAsync([.. keyResults.Values.Select(k => k.ObjectiveId).Distinct()], new HashSet<Guid>(), [], now, null, null, token));
                await notifications.ApplyAsync(events, [], token);
                db.Events.AddRange(events);
                await db.SaveChangesAsync(token);
                await transaction.CommitAsync(token);
                return events.Count;
            }, ct);
        }

        return announced;
    }

    /// <summary>
    /// key_result.status_changed for each key result whose status differs from the one last announced. The announcement
    /// is a conditional update (still the old status?), so two writers racing announce a move once. A first sighting (a
    /// new key result, or one from before events existed) is remembered without an event; <c>closed</c> is announced by
    /// the objective's own event, not here.
    /// </summary>
    private async Task<List<ChangeEvent>> StatusChangesAsync(IEnumerable<KeyResultDto> keyResults, IReadOnlySet<Guid> created, IReadOnlySet<Guid> drafts,
        DateTimeOffset at, Guid? actorUserId, Guid? actorClientId, CancellationToken ct)
    {
        var list = keyResults.Where(k => k.Status != Status.Closed).ToList();
        var won = await AnnounceMovesAsync(KeyResultStatuses, [.. list.Select(k => (k.Id, k.Status))], ct);
        if (won.Count == 0) return [];
        return [.. list.Where(k => won.ContainsKey(k.Id) && !created.Contains(k.Id)).Select(k =>
        {
            var data = snapshots.Node(k);
            data["previousStatus"] = Name(won[k.Id]);
            return new ChangeEvent
            {
                Type = "key_result.status_changed", OccurredAt = at, ActorUserId = actorUserId, ActorClientId = actorClientId,
                SubjectType = "key_result", SubjectId = k.Id, Data = data.ToJsonString(),
                Audience = drafts.Contains(k.ObjectiveId) ? EventAudience.Draft : EventAudience.Everyone,
            };
        })];
    }

    /// <summary>
    /// objective.status_changed for each of <paramref name="ids"/> whose status (as GET shows it) differs from the one last
    /// announced (<see cref="AnnounceMovesAsync"/>, as for key results); new objectives are remembered without an event,
    /// and <c>closed</c> is told by objective.closed.
    /// </summary>
    private async Task<List<ChangeEvent>> ObjectiveStatusChangesAsync(IReadOnlyCollection<Guid> ids, IReadOnlySet<Guid> created, Dictionary<Guid, JsonObject> read,
        DateTimeOffset at, Guid? actorUserId, Guid? actorClientId, CancellationToken ct)
    {
        if (ids.Count == 0) return [];
        var missing = ids.Where(id => !read.ContainsKey(id)).ToArray();
        var readNow = missing.Length == 0 ? read : read.Concat(await snapshots.ObjectivesAsync(missing, ct)).ToDictionary(p => p.Key, p => p.Value);
        var current = ids.Where(readNow.ContainsKey)
            .Select(id => (Id: id, Data: readNow[id], Status: SnakeCaseNames<Status>.ToValue[readNow[id]["status"]!.GetValue<string>()]))
            .Where(o => o.Status != Status.Closed).ToList();
        var won = await AnnounceMovesAsync(ObjectiveStatuses, [.. current.Select(o => (o.Id, o.Status))], ct);
        if (won.Count == 0) return [];
        return [.. current.Where(o => won.ContainsKey(o.Id) && !created.Contains(o.Id)).Select(o =>
        {
            var data = o.Data.DeepClone().AsObject();
            data["previousStatus"] = Name(won[o.Id]);
            return new ChangeEvent
            {
                Type = "objective.status_changed", OccurredAt = at, ActorUserId = actorUserId, ActorClientId = actorClientId,
                SubjectType = "objective", SubjectId = o.Id, Data = data.ToJsonString(),
                Audience = data["state"]?.GetValue<string>() == "draft" ? EventAudience.Draft : EventAudience.Everyone,
            };
        })];
    }

    private async Task<HashSet<Guid>> DraftObjectivesAsync(IEnumerable<Guid> objectiveIds, CancellationToken ct)
    {
        var ids = objectiveIds.Where(id => id != Guid.Empty).Distinct().ToArray();
        if (ids.Length == 0) return [];
        return [.. await db.Objectives.Where(o => ids.Contains(o.Id) && o.State == ObjectiveState.Draft).Select(o => o.Id).ToListAsync(ct)];
    }

    /// <summary>Drafts (and what belongs to them) reach only those who may read drafts; conversations only those who may read them.</summary>
    private static EventAudience AudienceOf(PlannedEvent p, IReadOnlySet<Guid> drafts) => p.SubjectType switch
    {
        "conversation" => EventAudience.Conversation,
        "objective" => drafts.Contains(p.SubjectId) || (p.Change.Action == AuditAction.Deleted && p.Change.OldValue("state") == "draft") || (p.Change.Entity is Objective { State: ObjectiveState.Draft })
            ? EventAudience.Draft : EventAudience.Everyone,
        "key_result" or "check_in" or "comment" => drafts.Contains(p.Change.ObjectiveId ?? Guid.Empty) ? EventAudience.Draft : EventAudience.Everyone,
        _ => EventAudience.Everyone,
    };

    private static string Name(Status status) => SnakeCaseNames<Status>.ToName[status];

    /// <summary>Where the last announced statuses of one kind of subject are kept: its table and key column.</summary>
    private sealed record StatusTable(string Name, string Key);

    private static readonly StatusTable KeyResultStatuses = new("announced_statuses", "key_result_id");
    private static readonly StatusTable ObjectiveStatuses = new("announced_objective_statuses", "objective_id");

    /// <summary>
    /// The moves this writer announces, with the status each moved from: every subject whose status differs from the one
    /// last announced, by a conditional update (still the old status?), so two writers racing announce a move once. A
    /// first sighting (a new subject, or one from before events existed) is remembered, and is no move.
    /// </summary>
    private async Task<Dictionary<Guid, Status>> AnnounceMovesAsync(StatusTable table, IReadOnlyList<(Guid Id, Status Status)> current, CancellationToken ct)
    {
        if (current.Count == 0) return [];
        // The table and column are the two constants above, never input.
#pragma warning disable EF1002
        var known = (await db.Database.SqlQueryRaw<KnownStatus>($"SELECT {table.Key} AS id, status FROM {table.Name} WHERE {table.Key} = ANY({{0}})",
                current.Select(c => c.Id).ToArray()).ToListAsync(ct))
            .ToDictionary(k => k.Id, k => SnakeCaseNames<Status>.ToValue[k.Status]);

        var fresh = current.Where(c => !known.ContainsKey(c.Id)).ToList();
        if (fresh.Count > 0)
        {
            await db.Database.ExecuteSqlRawAsync($"INSERT INTO {table.Name} ({table.Key}, status) SELECT * FROM unnest({{0}}, {{1}}) ON CONFLICT DO NOTHING",
                [fresh.Select(c => c.Id).ToArray(), fresh.Select(c => Name(c.Status)).ToArray()], ct);
        }

        var moved = current.Where(c => known.TryGetValue(c.Id, out var was) && was != c.Status).ToList();
        if (moved.Count == 0) return [];
        var won = await db.Database.SqlQueryRaw<Guid>($$"""
            UPDATE {{table.Name}} a SET status = i.next
            FROM unnest({0}, {1}, {2}) AS i(id, was, next)
            WHERE a.{{table.Key}} = i.id AND a.status = i.was
            RETURNING a.{{table.Key}} AS "Value"
            """, moved.Select(c => c.Id).ToArray(), moved.Select(c => Name(known[c.Id])).ToArray(), moved.Select(c => Name(c.Status)).ToArray()).ToListAsync(ct);
#pragma warning restore EF1002
        return won.ToDictionary(id => id, id => known[id]);
    }

    private sealed record KnownStatus(Guid Id, string Status);
}
