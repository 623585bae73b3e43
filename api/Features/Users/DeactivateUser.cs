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

/// <summary>Deactivates a person: they cannot sign in and are signed out everywhere at once; their OKRs and history stay.</summary>
public sealed record DeactivateUserCommand(Guid Id) : ICommand<UserDto>;

public sealed class DeactivateUserCommandHandler(OkrDbContext db, AccessPolicy access, ICurrentUser me, RefreshTokens refresh, TimeProvider clock, IMemoryCache cache)
    : ICommandHandler<DeactivateUserCommand, UserDto>
{
    public async ValueTask<UserDto> Handle(DeactivateUserCommand command, CancellationToken cancellationToken)
    {
        access.EnsureAdmin("deactivate people");
        if (command.Id == me.Id) throw new DomainRuleException("id", "You cannot deactivate yourself.");
        var user = await db.Users.Include(u => u.Memberships).SingleOrDefaultAsync(u => u.Id == command.Id, cancellationToken)
                   ?? throw new NotFoundException("User", command.Id);
        user.Active = false;
        user.EndSessions();
        await db.SaveChangesAsync(cancellationToken);
        await refresh.RevokeAllAsync(user.Id, clock.GetUtcNow(), cancellationToken);
        SessionValidator.Forget(cache, isClient: false, user.Id);
        return user.ToDto();
    }
}
