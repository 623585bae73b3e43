using Mediator;
using Microsoft.EntityFrameworkCore;
using Okr.Api.Infrastructure.Errors;
using Okr.Api.Infrastructure.Persistence;

namespace Okr.Api.Features.Periods;

public sealed record GetPeriodQuery(Guid Id) : IQuery<PeriodDto>;

public sealed class GetPeriodQueryHandler(OkrDbContext db) : IQueryHandler<GetPeriodQuery, PeriodDto>
{
    public async ValueTask<PeriodDto> Handle(GetPeriodQuery query, CancellationToken cancellationToken) =>
        await db.Periods.Where(p => p.Id == query.Id).ProjectToDto().SingleOrDefaultAsync(cancellationToken)
        ?? throw new NotFoundException("Period", query.Id);
}
