using Mediator;
using Microsoft.EntityFrameworkCore;
using Okr.Api.Domain;
using Okr.Api.Features.Cycle;
using Okr.Api.Features.KeyResults;
using Okr.Api.Infrastructure.Auth;
using Okr.Api.Infrastructure.Errors;
using Okr.Api.Infrastructure.Persistence;

namespace Okr.Api.Features.Conversations;

/// <summary>One direct report at a glance, for their manager's 1:1s.</summary>
/// <param name="UserId">The person.</param>
/// <param name="DisplayName">Their name.</param>
/// <param name="Objectives">Their own active objectives in active periods.</param>
/// <param name="Progress">Mean progress of those, 0..1 (0 when none).</param>
/// <param name="AtRisk">Of those, at risk.</param>
/// <param name="DueCheckIns">Their key results whose check-in is due.</param>
/// <param name="LastConversationAt">When their last held conversation took place.</param>
/// <param name="NextConversationAt">When their next scheduled conversation is (from now on).</param>
/// <param name="OpenActionItems">Action items of their conversations not done yet.</param>
public sealed record ReportDto(
    Guid UserId, string DisplayName, int Objectives, decimal Progress, int AtRisk, int DueCheckIns, DateTimeOffset? LastConversationAt,
    DateTimeOffset? NextConversationAt, int OpenActionItems);

/// <summary>
/// The people reporting directly to a person, with their OKR health and 1:1s: for that person, anyone above them in
/// the reporting line, and admins (403 for others; API clients need the conversations scope).
/// </summary>
public sealed record ListReportsQuery(Guid UserId) : IQuery<IReadOnlyList<ReportDto>>;

/// <summary>A fixed number of round trips: people and managers, reports' objectives, their key results, due check-ins, conversations, action items.</summary>
public sealed class ListReportsQueryHandler(OkrDbContext db, ICurrentUser user, ConversationAccess access, DueCheckIns due, TimeProvider clock)
    : IQueryHandler<ListReportsQuery, IReadOnlyList<ReportDto>>
{
    public async ValueTask<IReadOnlyList<ReportDto>> Handle(ListReportsQuery query, CancellationToken cancellationToken)
    {
        access.EnsureClientMayRead();
        var people = await db.Users.AsNoTracking().Select(u => new { u.Id, u.ManagerId, u.DisplayName, u.Active }).ToListAsync(cancellationToken);
        var managers = people.ToDictionary(p => p.Id, p => p.ManagerId);
        if (!managers.ContainsKey(query.UserId)) throw new NotFoundException("User", query.UserId);
        if (!user.IsAdmin && !user.IsClient && !IsAboveOrSelf(user.Id, query.UserId, managers))
        {
            throw new ForbiddenException("A person's reports are for them, the managers above them and admins.");
        }

        var reports = people.Where(p => p.ManagerId == query.UserId && p.Active).OrderBy(p => p.DisplayName, StringComparer.Ordinal).ToList();
        if (reports.Count == 0) return [];
        var ids = reports.Select(r => r.Id).ToArray();
        var now = clock.GetUtcNow();

        var objectives = await (from o in db.Objectives.AsNoTracking()
                                join p in db.Periods on o.PeriodId equals p.Id
                                where o.OwnerId != null && ids.Contains(o.OwnerId.Value) && o.State == ObjectiveState.Active && p.State == PeriodState.Active
                                select new { o.Id, Owner = o.OwnerId!.Value, p.StartDate, p.EndDate, p.State }).ToListAsync(cancellationToken);
        var objectiveIds = objectives.Select(o => o.Id).ToArray();
        var keyResults = (await db.KeyResults.AsNoTracking().Where(k => objectiveIds.Contains(k.ObjectiveId))
                .Select(k => new { k.ObjectiveId, k.Type, k.Direction, k.Baseline, k.Target, k.CurrentValue, k.Weight, k.Confidence, k.CreatedAt, CheckedIn = k.LastCheckInAt != null, k.CadenceDays })
                .ToListAsync(cancellationToken))
            .ToLookup(k => k.ObjectiveId);
        var health = objectives.Select(o =>
        {
            var paces = keyResults[o.Id].Select(k => new KeyResultPace(Progress.OfKeyResult(k.Type, k.Direction, k.Baseline, k.Target, k.CurrentValue), k.Weight,
                k.Confidence, k.CreatedAt, k.CheckedIn, k.CadenceDays)).ToList();
            var progress = Progress.WeightedMean(paces.Select(k => (k.Progress, k.Weight)));
            var status = new PeriodClock(o.StartDate, o.EndDate, o.State, now).ObjectiveHealth(ObjectiveState.Active, progress, paces).Status;
            return (o.Owner, progress, status);
        }).ToLookup(h => h.Owner);

        var dueByPerson = await due.ByPersonAsync(now, cancellationToken);
        var conversations = await db.Conversations.AsNoTracking().Where(c => ids.Contains(c.EmployeeId))
            .GroupBy(c => c.EmployeeId)
            .Select(g => new
            {
                Employee = g.Key,
                Last = g.Where(c => c.State == ConversationState.Held).Max(c => c.HeldAt),
                Next = g.Where(c => c.State == ConversationState.Scheduled && c.ScheduledAt >= now).Min(c => (DateTimeOffset?)c.ScheduledAt),
            })
            .ToDictionaryAsync(x => x.Employee, cancellationToken);
        var openItems = await (from a in db.ActionItems.AsNoTracking()
                               join c in db.Conversations on a.ConversationId equals c.Id
                               where ids.Contains(c.EmployeeId) && !a.Done
                               group a by c.EmployeeId into g
                               select new { Employee = g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Employee, x => x.Count, cancellationToken);

        return [.. reports.Select(r =>
        {
            var mine = health[r.Id].ToList();
            conversations.TryGetValue(r.Id, out var talks);
            return new ReportDto(r.Id, r.DisplayName, mine.Count, mine.Count == 0 ? 0 : Math.Round(mine.Average(h => h.progress), 4),
                mine.Count(h => h.status == Status.AtRisk), dueByPerson.TryGetValue(r.Id, out var list) ? list.Count : 0, talks?.Last, talks?.Next,
                openItems.GetValueOrDefault(r.Id));
        })];
    }

    /// <summary>Is <paramref name="caller"/> the person or anyone above them? The walk stops at a loop in stored data.</summary>
    private static bool IsAboveOrSelf(Guid caller, Guid person, IReadOnlyDictionary<Guid, Guid?> managers)
    {
        var seen = new HashSet<Guid>();
        for (Guid? current = person; current is { } id && seen.Add(id); current = managers.GetValueOrDefault(id))
        {
            if (id == caller) return true;
        }

        return false;
    }
}
