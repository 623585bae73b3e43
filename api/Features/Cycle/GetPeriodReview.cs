using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Okr.Api.Domain;
using Okr.Api.Infrastructure.Auth;
using Okr.Api.Infrastructure.Errors;
using Okr.Api.Infrastructure.Http;
using Okr.Api.Infrastructure.Persistence;

namespace Okr.Api.Features.Cycle;

/// <summary>A period's closing review: how its objectives ended, and one row per objective to score and carry over.</summary>
/// <param name="PeriodId">The period.</param>
/// <param name="Summary">Counts over every objective the caller sees in the review (not only this page).</param>
/// <param name="Items">One page of objectives: company first, then teams', then individual ones, by title.</param>
/// <param name="TotalCount">Objectives in the review.</param>
/// <param name="Page">This page, from 1.</param>
/// <param name="PageSize">Items per page.</param>
public sealed record PeriodReviewDto(Guid PeriodId, PeriodReviewSummaryDto Summary, IReadOnlyList<PeriodReviewItemDto> Items, int TotalCount, int Page, int PageSize);

/// <summary>How the period's objectives ended.</summary>
/// <param name="Objectives">Objectives in the review (active and closed; drafts and archived ones are not commitments).</param>
/// <param name="Closed">Of those, closed.</param>
/// <param name="Scored">Of those, with a final score.</param>
/// <param name="AverageScore">Mean final score of the scored ones, 0..1; null when none is scored.</param>
/// <param name="Achieved">Scored at or above 0.7 (the method's "achieved": stretch goals met to 70% are a success).</param>
/// <param name="Missed">Scored below 0.7.</param>
public sealed record PeriodReviewSummaryDto(int Objectives, int Closed, int Scored, decimal? AverageScore, int Achieved, int Missed);

/// <summary>One objective in the closing review.</summary>
/// <param name="ObjectiveId">The objective.</param>
/// <param name="Title">Its title.</param>
/// <param name="Level">company, team or individual.</param>
/// <param name="TeamId">The owning team.</param>
/// <param name="OwnerId">The owning person, for an individual objective.</param>
/// <param name="State">active or closed.</param>
/// <param name="Progress">0..1, as rolled up now.</param>
/// <param name="FinalScore">The outcome recorded at closing, 0..1; null while active.</param>
/// <param name="SuggestedScore">The score closing would give: its progress, 0..1.</param>
/// <param name="ClosingComment">What was learned, recorded at closing.</param>
/// <param name="CarriedOverToId">Its copy in a later period, once carried over.</param>
public sealed record PeriodReviewItemDto(
    Guid ObjectiveId, string Title, ObjectiveLevel Level, Guid TeamId, Guid? OwnerId, ObjectiveState State, decimal Progress,
    decimal? FinalScore, decimal SuggestedScore, string? ClosingComment, Guid? CarriedOverToId);

/// <summary>
/// Admins, team leads and API clients review the whole period; members and viewers the objectives they own and those
/// of their teams. Drafts and archived objectives are not in it.
/// </summary>
public sealed record GetPeriodReviewQuery(Guid PeriodId, int Page, int PageSize) : IQuery<PeriodReviewDto>, IPagedQuery;

public sealed class GetPeriodReviewQueryValidator : AbstractValidator<GetPeriodReviewQuery>
{
    public GetPeriodReviewQueryValidator() => this.RulesForPaging();
}

/// <summary>Four round trips whatever the size: the period, the caller's teams, the review's objectives, the period's roll-up (two).</summary>
public sealed class GetPeriodReviewQueryHandler(OkrDbContext db, ICurrentUser user, PeriodProgress progress) : IQueryHandler<GetPeriodReviewQuery, PeriodReviewDto>
{
    public async ValueTask<PeriodReviewDto> Handle(GetPeriodReviewQuery query, CancellationToken cancellationToken)
    {
        if (!await db.Periods.AnyAsync(p => p.Id == query.PeriodId, cancellationToken)) throw new NotFoundException("Period", query.PeriodId);
        var objectives = db.Objectives.Where(o => o.PeriodId == query.PeriodId && (o.State == ObjectiveState.Active || o.State == ObjectiveState.Closed));
        if (!user.IsAdmin && !user.IsClient)
        {
            var me = user.Id;
            var teams = await db.TeamMemberships.Where(m => m.UserId == me).Select(m => new { m.TeamId, m.Role }).ToListAsync(cancellationToken);
            if (!teams.Any(t => t.Role == TeamRole.Lead))
            {
                var mine = teams.Select(t => t.TeamId).ToArray();
                objectives = objectives.Where(o => o.OwnerId == me || mine.Contains(o.TeamId));
            }
        }

        var rows = await (from o in objectives
                          join t in db.Teams on o.TeamId equals t.Id
                          select new { o.Id, o.Title, o.TeamId, o.OwnerId, o.State, o.FinalScore, o.ClosingComment, o.CarriedOverToId, Company = t.ParentId == null })
            .ToListAsync(cancellationToken);
        var progressById = rows.Count == 0 ? [] : await progress.OfPeriodAsync(query.PeriodId, cancellationToken);

        var items = rows
            .Select(r =>
            {
                var now = progressById.GetValueOrDefault(r.Id);
                return new PeriodReviewItemDto(r.Id, r.Title, Objective.LevelOf(r.Company, r.OwnerId), r.TeamId, r.OwnerId, r.State, now, r.FinalScore,
                    now, r.ClosingComment, r.CarriedOverToId);
            })
            .OrderBy(i => i.Level).ThenBy(i => i.Title, StringComparer.Ordinal).ThenBy(i => i.ObjectiveId)
            .ToList();
        var scores = items.Where(i => i.FinalScore is not null).Select(i => i.FinalScore!.Value).ToList();
        var achieved = scores.Count(s => s >= CycleRules.AchievedScore);
        var summary = new PeriodReviewSummaryDto(items.Count, items.Count(i => i.State == ObjectiveState.Closed), scores.Count,
            scores.Count == 0 ? null : Math.Round(scores.Average(), 4), achieved, scores.Count - achieved);
        var page = items.Skip((query.Page - 1) * query.PageSize).Take(query.PageSize).ToList();
        return new PeriodReviewDto(query.PeriodId, summary, page, items.Count, query.Page, query.PageSize);
    }
}
