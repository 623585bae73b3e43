using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Okr.Api.Infrastructure.Auth;
using Okr.Api.Infrastructure.Http;
using Okr.Api.Infrastructure.Persistence;

namespace Okr.Api.Features.KeyResults;

/// <summary>The key results of one objective, oldest first.</summary>
public sealed record ListKeyResultsQuery(Guid ObjectiveId, int Page, int PageSize) : IQuery<PagedList<KeyResultDto>>, IPagedQuery;

public sealed class ListKeyResultsQueryValidator : AbstractValidator<ListKeyResultsQuery>
{
    public ListKeyResultsQueryValidator() => this.RulesForPaging();
}

public sealed class ListKeyResultsQueryHandler(OkrDbContext db, AccessPolicy access, TimeProvider clock) : IQueryHandler<ListKeyResultsQuery, PagedList<KeyResultDto>>
{
    public async ValueTask<PagedList<KeyResultDto>> Handle(ListKeyResultsQuery query, CancellationToken cancellationToken)
    {
        var context = await KeyResultQueries.ContextOfObjectiveAsync(db, access, query.ObjectiveId, clock.GetUtcNow(), cancellationToken);
        var page = await db.KeyResults.Where(k => k.ObjectiveId == query.ObjectiveId)
            .OrderBy(k => k.CreatedAt).ThenBy(k => k.Id).ProjectToRow().ToPagedListAsync(query, cancellationToken);
        var rights = await access.RightsAsync(cancellationToken);
        return new PagedList<KeyResultDto>(page.Items.Select(k => k.ToDto(context.Period, context.ObjectiveState, rights.ForKeyResult(context.TeamId, context.ObjectiveOwnerId, k.OwnerId, context.Period))).ToList(), page.TotalCount, page.Page, page.PageSize);
    }
}
