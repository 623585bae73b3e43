using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Okr.Api.Infrastructure.Auth;
using Okr.Api.Infrastructure.Errors;
using Okr.Api.Infrastructure.Http;
using Okr.Api.Infrastructure.Persistence;

namespace Okr.Api.Features.CheckIns;

/// <summary>The history of a key result, newest first.</summary>
public sealed record ListCheckInsQuery(Guid KeyResultId, int Page, int PageSize) : IQuery<PagedList<CheckInDto>>, IPagedQuery;

public sealed class ListCheckInsQueryValidator : AbstractValidator<ListCheckInsQuery>
{
    public ListCheckInsQueryValidator() => this.RulesForPaging();
}

public sealed class ListCheckInsQueryHandler(OkrDbContext db, AccessPolicy access) : IQueryHandler<ListCheckInsQuery, PagedList<CheckInDto>>
{
    public async ValueTask<PagedList<CheckInDto>> Handle(ListCheckInsQuery query, CancellationToken cancellationToken)
    {
        var visible = await access.VisibleAsync(db.Objectives, cancellationToken);
        if (!await db.KeyResults.AnyAsync(k => k.Id == query.KeyResultId && visible.Any(o => o.Id == k.ObjectiveId), cancellationToken))
        {
            throw new NotFoundException("Key result", query.KeyResultId);
        }

        return await db.CheckIns.Where(c => c.KeyResultId == query.KeyResultId)
            .OrderByDescending(c => c.MeasuredAt).ThenByDescending(c => c.CreatedAt)
            .ProjectToDto().ToPagedListAsync(query, cancellationToken);
    }
}
