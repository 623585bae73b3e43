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

/// <summary>Changes to a person; fields left out stay as they are.</summary>
/// <param name="DisplayName">New display name.</param>
/// <param name="Role">admin, member or viewer.</param>
/// <param name="ManagerId">New manager; null removes it.</param>
public sealed record UpdateUserRequest(string? DisplayName = null, OrgRole? Role = null, Guid? ManagerId = null);

public sealed record UpdateUserCommand(Guid Id, uint IfMatch, Patch<UpdateUserRequest> Changes) : ICommand<UserDto>;

public sealed class UpdateUserCommandValidator : AbstractValidator<UpdateUserCommand>
{
    public UpdateUserCommandValidator()
    {
        RuleFor(c => c.Changes.Value.DisplayName).NotEmpty().MaximumLength(Limits.Name).SingleLine().When(c => c.Changes.Has("displayName")).OverridePropertyName("displayName");
        RuleFor(c => c.Changes.Value.Role).NotNull().IsInEnum().When(c => c.Changes.Has("role")).OverridePropertyName("role");
    }
}

public sealed class UpdateUserCommandHandler(OkrDbContext db, AccessPolicy access, ICurrentUser me, IMemoryCache cache, RefreshTokens refresh, TimeProvider clock) : ICommandHandler<UpdateUserCommand, UserDto>
{
    public async ValueTask<UserDto> Handle(UpdateUserCommand command, CancellationToken cancellationToken)
    {
        access.EnsureAdmin("change people");
        var user = await db.Users.Include(u => u.Memberships).SingleOrDefaultAsync(u => u.Id == command.Id, cancellationToken)
                   ?? throw new NotFoundException("User", command.Id);
        db.ExpectVersion(user, command.IfMatch);
        var changes = command.Changes;
        if (changes.Value.DisplayName is not null) user.DisplayName = changes.Value.DisplayName.Trim();
        if (changes.Value.Role is { } role)
        {
            if (user.Id == me.Id && role != OrgRole.Admin) throw new DomainRuleException("role", "You cannot remove your own admin role; ask another admin.");
            if (role != user.Role) user.EndSessions(); // a new role is a security event: sign in again to get it
            user.Role = role;
        }

        if (changes.Has("managerId") && changes.Value.ManagerId != user.ManagerId)
        {
            if (changes.Value.ManagerId is { } managerId) await EnsureManagerAsync(user.Id, managerId, cancellationToken);
            user.ManagerId = changes.Value.ManagerId;
        }

        var sessionsEnded = db.Entry(user).Property(u => u.SessionVersion).IsModified;
        await db.SaveChangesAsync(cancellationToken);
        if (sessionsEnded) await refresh.RevokeAllAsync(user.Id, clock.GetUtcNow(), cancellationToken);
        SessionValidator.Forget(cache, isClient: false, user.Id);
        return user.ToDto();
    }

    /// <summary>The manager exists and the reporting line does not loop back to the person.</summary>
    private async Task EnsureManagerAsync(Guid userId, Guid managerId, CancellationToken ct)
    {
        var managers = await db.Users.Select(u => new { u.Id, u.ManagerId }).ToDictionaryAsync(u => u.Id, u => u.ManagerId, ct);
        if (!managers.ContainsKey(managerId)) throw new DomainRuleException("managerId", $"User '{managerId}' does not exist.");
        if (User.ReportingLineProblem(userId, managerId, managers) is { } problem) throw new DomainRuleException("managerId", problem);
    }
}
