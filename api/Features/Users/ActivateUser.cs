using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Okr.Api.Domain;
using Okr.Api.Features.Auth;
using Okr.Api.Infrastructure.Auth;
using Okr.Api.Infrastructure.Errors;
using Okr.Api.Infrastructure.Http;
using Okr.Api.Infrastructure.Mediator;
using Okr.Api.Infrastructure.Persistence;

namespace Okr.Api.Features.Users;

/// <summary>Lets a deactivated person sign in again.</summary>
public sealed record ActivateUserCommand(Guid Id) : ICommand<UserDto>;

public sealed class ActivateUserCommandHandler(OkrDbContext db, AccessPolicy access, IMemoryCache cache) : ICommandHandler<ActivateUserCommand, UserDto>
{
    public async ValueTask<UserDto> Handle(ActivateUserCommand command, CancellationToken cancellationToken)
    {
        access.EnsureAdmin("activate people");
        var user = await db.Users.Include(u => u.Memberships).SingleOrDefaultAsync(u => u.Id == command.Id, cancellationToken)
                   ?? throw new NotFoundException("User", command.Id);
        user.Active = true;
        await db.SaveChangesAsync(cancellationToken);
        SessionValidator.Forget(cache, isClient: false, user.Id);
        return user.ToDto();
    }
}
