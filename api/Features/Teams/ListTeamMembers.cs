using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Okr.Api.Domain;
using Okr.Api.Infrastructure.Auth;
using Okr.Api.Infrastructure.Errors;
using Okr.Api.Infrastructure.Persistence;

namespace Okr.Api.Features.Teams;

public sealed record ListTeamMembersQuery(Guid TeamId) : IQuery<IReadOnlyList<TeamMemberDto>>;

public sealed class ListTeamMembersQueryHandler(OkrDbContext db) : IQueryHandler<ListTeamMembersQuery, IReadOnlyList<TeamMemberDto>>
{
    public async ValueTask<IReadOnlyList<TeamMemberDto>> Handle(ListTeamMembersQuery query, CancellationToken cancellationToken)
    {
        if (!await db.Teams.AnyAsync(t => t.Id == query.TeamId, cancellationToken)) throw new NotFoundException("Team", query.TeamId);
        return await (from m in db.TeamMemberships
                      join u in db.Users on m.UserId equals u.Id
                      where m.TeamId == query.TeamId
                      orderby m.Role, u.DisplayName
                      select new TeamMemberDto(u.Id, u.DisplayName, m.Role)).ToListAsync(cancellationToken);
    }
}
