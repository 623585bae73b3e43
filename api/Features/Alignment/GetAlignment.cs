using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Okr.Api.Domain;
using Okr.Api.Features.KeyResults;
using Okr.Api.Infrastructure.Auth;
using Okr.Api.Infrastructure.Errors;
using Okr.Api.Infrastructure.Persistence;

namespace Okr.Api.Features.Alignment;

/// <summary>The alignment tree of a period as a flat list; build the tree from parentId.</summary>
/// <param name="Items">Every objective of the period (or of the team's subtree) except archived ones. A node whose parent is not in the list is a root of this view; its progress still counts every child, in any team, as every other read does.</param>
public sealed record AlignmentDto(IReadOnlyList<AlignmentNodeDto> Items);

/// <summary>One objective in the alignment tree.</summary>
/// <param name="Id">Objective id.</param>
/// <param name="ParentId">The objective it aligns to.</param>
/// <param name="Level">company, team or individual.</param>
/// <param name="Title">Objective title.</param>
/// <param name="TeamId">Owning team.</param>
/// <param name="OwnerId">Owning person, for individual objectives.</param>
/// <param name="State">draft, active or closed.</param>
/// <param name="Weight">Weight in the parent's roll-up.</param>
/// <param name="ProgressFrom">key_results, aligned or both: where its progress comes from (as on GET /objectives/{id}).</param>
/// <param name="Progress">0..1, by the same roll-up as GET /objectives/{id}.</param>
/// <param name="ExpectedProgress">0..1: where progress should be by now, as on GET /objectives/{id}.</param>
/// <param name="Status">on_track, behind, at_risk, not_started or closed, by the same rule as GET /objectives/{id} (docs/method.md, "Progress and status").</param>
/// <param name="KeyResults">Its key results with their progress.</param>
public sealed record AlignmentNodeDto(
    Guid Id, Guid? ParentId, ObjectiveLevel Level, string Title, Guid TeamId, Guid? OwnerId, ObjectiveState State, decimal Weight,
    ProgressSource ProgressFrom, decimal Progress, decimal ExpectedProgress, Status Status, IReadOnlyList<AlignmentKeyResultDto> KeyResults);

/// <summary>A key result in the alignment tree.</summary>
/// <param name="Id">Key result id.</param>
/// <param name="Title">Key result title.</param>
/// <param name="Progress">0..1.</param>
/// <param name="Status">on_track, behind, at_risk, not_started or closed, by the same rule as GET /objectives/{id} (docs/method.md, "Progress and status").</param>
/// <param name="Confidence">0..10 from the latest check-in; null before the first.</param>
/// <param name="LastCheckInAt">measuredAt of the latest check-in; null before the first.</param>
/// <param name="Stale">True when its check-in is due, by the same rule as GET /key-results/{id}.</param>
public sealed record AlignmentKeyResultDto(Guid Id, string Title, decimal Progress, Status Status, int? Confidence, DateTimeOffset? LastCheckInAt, bool Stale);

public sealed record GetAlignmentQuery(Guid PeriodId, Guid? TeamId) : IQuery<AlignmentDto>;

public sealed class GetAlignmentQueryValidator : AbstractValidator<GetAlignmentQuery>
{
    public GetAlignmentQueryValidator() => RuleFor(q => q.PeriodId).NotEmpty();
}

/// <summary>A fixed number of round trips whatever the size: the period, the teams, the caller's lead teams (for drafts), the objectives, their key results.</summary>
public sealed class GetAlignmentQueryHandler(OkrDbContext db, AccessPolicy access, TimeProvider clock) : IQueryHandler<GetAlignmentQuery, AlignmentDto>
{
    public async ValueTask<AlignmentDto> Handle(GetAlignmentQuery query, CancellationToken cancellationToken)
    {
        var period = await db.Periods.AsNoTracking().Where(p => p.Id == query.PeriodId).Select(p => new { p.StartDate, p.EndDate, p.State })
                         .SingleOrDefaultAsync(cancellationToken)
                     ?? throw new NotFoundException("Period", query.PeriodId);
        var teams = await db.LoadTeamTreeAsync(cancellationToken);

        // The whole period is rolled up even when one team's view is asked for: an objective's progress counts its children
        // in every team, so it reads the same in every view (GET /objectives/{id}, the list, this tree with or without teamId).
        var objectives = (await access.VisibleAsync(db.Objectives, cancellationToken))
            .Where(o => o.PeriodId == query.PeriodId && o.State != ObjectiveState.Archived);
        HashSet<Guid>? shown = null;
        if (query.TeamId is { } teamId)
        {
            if (!teams.Contains(teamId)) throw new NotFoundException("Team", teamId);
            shown = teams.Subtree(teamId);
        }

        var nodes = await objectives
            .Select(o => new { o.Id, o.ParentId, o.Title, o.TeamId, o.OwnerId, o.State, o.Weight, o.ProgressFrom, o.AlignedShare })
            .ToListAsync(cancellationToken);
        // Streamed: each key result is folded into its objective's entry as it arrives, without a list of rows.
        var keyResults = (from k in db.KeyResults
                          join o in objectives on k.ObjectiveId equals o.Id
                          orderby k.ObjectiveId, k.CreatedAt, k.Id
                          select new { k.Id, k.ObjectiveId, k.Title, k.Type, k.Direction, k.Baseline, k.Target, k.CurrentValue, k.Weight, k.Confidence,
                              k.CreatedAt, k.LastCheckInAt, k.CadenceDays })
            .AsAsyncEnumerable();

        var periodClock = new PeriodClock(period.StartDate, period.EndDate, period.State, clock.GetUtcNow());
        var stateOf = nodes.ToDictionary(n => n.Id, n => n.State);
        var perObjective = new Dictionary<Guid, (List<AlignmentKeyResultDto> Dtos, List<(decimal, decimal)> Parts, List<KeyResultPace> Paces)>(nodes.Count);
        await foreach (var k in keyResults.WithCancellation(cancellationToken))
        {
            if (!perObjective.TryGetValue(k.ObjectiveId, out var entry))
            {
                entry = ([], [], []);
                perObjective[k.ObjectiveId] = entry;
            }

            var progress = Progress.OfKeyResult(k.Type, k.Direction, k.Baseline, k.Target, k.CurrentValue);
            var pace = new KeyResultPace(progress, k.Weight, k.Confidence, k.CreatedAt, k.LastCheckInAt is not null, k.CadenceDays);
            var state = stateOf[k.ObjectiveId];
            entry.Dtos.Add(new AlignmentKeyResultDto(k.Id, k.Title, progress, periodClock.KeyResultStatus(state, pace), k.Confidence, k.LastCheckInAt,
                KeyResult.IsStale(state, periodClock.State, periodClock.Start, k.LastCheckInAt, k.CreatedAt, k.CadenceDays, periodClock.Now)));
            entry.Parts.Add((progress, k.Weight));
            entry.Paces.Add(pace);
        }

        var progressById = Rollup.Compute(nodes.Select(n => new RollupInput(n.Id, n.ParentId, n.Weight,
            perObjective.TryGetValue(n.Id, out var e) ? e.Parts : [], Objective.CountsInRollup(n.State), n.ProgressFrom, n.AlignedShare)).ToList());

        var items = new List<AlignmentNodeDto>(nodes.Count);
        foreach (var n in nodes)
        {
            if (shown is not null && !shown.Contains(n.TeamId)) continue;
            var found = perObjective.TryGetValue(n.Id, out var entry);
            var (progress, keyResultShare) = progressById[n.Id];
            var (expected, status) = periodClock.ObjectiveHealth(n.State, progress, found ? entry.Paces : [], keyResultShare);
            items.Add(new AlignmentNodeDto(n.Id, n.ParentId, Objective.LevelOf(teams.IsCompany(n.TeamId), n.OwnerId), n.Title, n.TeamId, n.OwnerId,
                n.State, n.Weight, n.ProgressFrom, progress, expected, status, found ? entry.Dtos : []));
        }

        return new AlignmentDto(items);
    }
}
