using FluentValidation;
using Mediator;
using Okr.Api.Domain;
using Okr.Api.Infrastructure.Http;
using Okr.Api.Infrastructure.Persistence;

namespace Okr.Api.Features.Periods;

/// <summary>Periods, newest first.</summary>
public sealed record ListPeriodsQuery(PeriodState? State, int Page, int PageSize) : IQuery<PagedList<PeriodDto>>, IPagedQuery;

public sealed class ListPeriodsQueryValidator : AbstractValidator<ListPeriodsQuery>
{
    public ListPeriodsQueryValidator() => this.RulesForPaging();
}

public sealed class ListPeriodsQueryHandler(OkrDbContext db) : IQueryHandler<ListPeriodsQuery, PagedList<PeriodDto>>
{
    public async ValueTask<PagedList<PeriodDto>> Handle(ListPeriodsQuery query, CancellationToken cancellationToken)
    {
        var periods = db.Periods.AsQueryable();
        if (query.State is { } state) periods = periods.Where(p => p.State == state);
        return await periods.OrderByDescending(p => p.StartDate).ThenBy(p => p.Label)
            .ProjectToDto().ToPagedListAsync(query, cancellationToken);
    }
}
