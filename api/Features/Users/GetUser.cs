using Mediator;
using Microsoft.EntityFrameworkCore;
using Okr.Api.Infrastructure.Auth;
using Okr.Api.Infrastructure.Errors;
using Okr.Api.Infrastructure.Persistence;

namespace Okr.Api.Features.Users;

public sealed record GetUserQuery(Guid Id) : IQuery<UserDto>;

public sealed class GetUserQueryHandler(OkrDbContext db, ICurrentUser caller) : IQueryHandler<GetUserQuery, UserDto>
{
    public async ValueTask<UserDto> Handle(GetUserQuery query, CancellationToken cancellationToken) =>
        (await db.Users.Where(u => u.Id == query.Id).ProjectToDto().SingleOrDefaultAsync(cancellationToken)
         ?? throw new NotFoundException("User", query.Id)).For(caller);
}
