using Mediator;
using Microsoft.EntityFrameworkCore;
using Okr.Api.Infrastructure.Auth;
using Okr.Api.Infrastructure.Errors;
using Okr.Api.Infrastructure.Persistence;

namespace Okr.Api.Features.Teams;

public sealed record GetTeamQuery(Guid Id) : IQuery<TeamDto>;

public sealed class GetTeamQueryHandler(OkrDbContext db, AccessPolicy access) : IQueryHandler<GetTeamQuery, TeamDto>
{
    public async ValueTask<TeamDto> Handle(GetTeamQuery query, CancellationToken cancellationToken)
    {
        var row = await db.Teams.Where(t => t.Id == query.Id).ProjectToRow().SingleOrDefaultAsync(cancellationToken)
                  ?? throw new NotFoundException("Team", query.Id);
        return row.ToDto(await access.RightsAsync(cancellationToken));
    }
}
