using Mediator;
using Okr.Api.Infrastructure.Auth;
using Okr.Api.Infrastructure.Persistence;

namespace Okr.Api.Features.KeyResults;

public sealed record GetKeyResultQuery(Guid Id) : IQuery<KeyResultDto>;

public sealed class GetKeyResultQueryHandler(OkrDbContext db, AccessPolicy access, TimeProvider clock) : IQueryHandler<GetKeyResultQuery, KeyResultDto>
{
    public async ValueTask<KeyResultDto> Handle(GetKeyResultQuery query, CancellationToken cancellationToken)
    {
        var (row, context) = await KeyResultQueries.RowAsync(db, access, query.Id, clock.GetUtcNow(), cancellationToken);
        return row.ToDto(context.Period, context.ObjectiveState, (await access.RightsAsync(cancellationToken)).ForKeyResult(context.TeamId, context.ObjectiveOwnerId, row.OwnerId, context.Period));
    }
}
