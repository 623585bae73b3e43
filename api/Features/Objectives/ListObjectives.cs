using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Okr.Api.Domain;
using Okr.Api.Infrastructure.Http;
using Okr.Api.Infrastructure.Persistence;

namespace Okr.Api.Features.Objectives;

/// <summary>
/// Objectives, newest first, filtered in the database. KeyResultOwnerId keeps those with a key result that person owns,
/// whoever owns the objective ("My OKRs" shows them). For sync: ModifiedSince keeps those whose definition or any of
/// whose key results changed at or after that instant (a check-in counts); After reads on from a page's nextCursor.
/// </summary>
public sealed record ListObjectivesQuery(
    Guid? PeriodId, Guid? TeamId, Guid? OwnerId, Guid? ParentId, ObjectiveState? State, string? Q, string? ExternalId, int Page, int PageSize,
    Guid? KeyResultOwnerId = null, DateTimeOffset? ModifiedSince = null, string? After = null)
    : IQuery<CursorPage<ObjectiveDto>>, ICursorQuery;

public sealed class ListObjectivesQueryValidator : AbstractValidator<ListObjectivesQuery>
{
    public ListObjectivesQueryValidator()
    {
        this.RulesForCursorPaging(cursor => cursor.TryTime(out _));
        RuleFor(q => q.Q).MaximumLength(Limits.Title);
        RuleFor(q => q.ExternalId).MaximumLength(Limits.ExternalId);
    }
}

public sealed class ListObjectivesQueryHandler(OkrDbContext db, ObjectiveReader reader) : IQueryHandler<ListObjectivesQuery, CursorPage<ObjectiveDto>>
{
    public async ValueTask<CursorPage<ObjectiveDto>> Handle(ListObjectivesQuery query, CancellationToken cancellationToken)
    {
        var objectives = db.Objectives.AsQueryable();
        if (query.PeriodId is { } periodId) objectives = objectives.Where(o => o.PeriodId == periodId);
        if (query.TeamId is { } teamId) objectives = objectives.Where(o => o.TeamId == teamId);
        if (query.OwnerId is { } ownerId) objectives = objectives.Where(o => o.OwnerId == ownerId);
        if (query.ParentId is { } parentId) objectives = objectives.Where(o => o.ParentId == parentId);
        if (query.KeyResultOwnerId is { } keyResultOwnerId) objectives = objectives.Where(o => db.KeyResults.Any(k => k.ObjectiveId == o.Id && k.OwnerId == keyResultOwnerId));
        if (query.ExternalId is { } externalId) objectives = objectives.Where(o => o.ExternalId == externalId);
        objectives = query.State is { } state
            ? objectives.Where(o => o.State == state)
            : objectives.Where(o => o.State != ObjectiveState.Archived);
        if (query.ModifiedSince is { } since)
        {
            objectives = objectives.Where(o => o.ModifiedAt >= since || db.KeyResults.Any(k => k.ObjectiveId == o.Id && k.ModifiedAt >= since));
        }

        if (!string.IsNullOrWhiteSpace(query.Q))
        {
            var pattern = $"%{Like.Escape(query.Q.Trim())}%";
            objectives = objectives.Where(o => EF.Functions.ILike(o.Title, pattern, "\\"));
        }

        return await reader.ListAsync(objectives, query, query.Cursor(), cancellationToken);
    }
}
