using Mediator;
using Microsoft.EntityFrameworkCore;
using Okr.Api.Infrastructure.Auth;
using Okr.Api.Infrastructure.Errors;
using Okr.Api.Infrastructure.Persistence;

namespace Okr.Api.Features.Users;

/// <summary>The signed-in person.</summary>
public sealed record GetCurrentUserQuery : IQuery<UserDto>;

public sealed class GetCurrentUserQueryHandler(OkrDbContext db, ICurrentUser user) : IQueryHandler<GetCurrentUserQuery, UserDto>
{
    public async ValueTask<UserDto> Handle(GetCurrentUserQuery query, CancellationToken cancellationToken) =>
        await db.Users.Where(u => u.Id == user.Id).ProjectToDto().SingleOrDefaultAsync(cancellationToken)
        ?? throw new NotFoundException("User", user.Id);
}
