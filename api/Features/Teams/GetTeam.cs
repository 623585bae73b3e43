using Mediator;
using Microsoft.EntityFrameworkCore;
using Okr.Api.Infrastructure.Errors;
using Okr.Api.Infrastructure.Persistence;

namespace Okr.Api.Features.Teams;

public sealed record GetTeamQuery(Guid Id) : IQuery<TeamDto>;

public sealed class GetTeamQueryHandler(OkrDbContext db) : IQueryHandler<GetTeamQuery, TeamDto>
{
    public async ValueTask<TeamDto> Handle(GetTeamQuery query, CancellationToken cancellationToken) =>
        await db.Teams.Where(t => t.Id == query.Id).ProjectToDto().SingleOrDefaultAsync(cancellationToken)
        ?? throw new NotFoundException("Team", query.Id);
}
