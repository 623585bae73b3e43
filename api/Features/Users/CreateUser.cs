using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Okr.Api.Domain;
using Okr.Api.Features.Invitations;
using Okr.Api.Infrastructure.Auth;
using Okr.Api.Infrastructure.Http;
using Okr.Api.Infrastructure.Mediator;
using Okr.Api.Infrastructure.Persistence;

namespace Okr.Api.Features.Users;

/// <summary>A new person.</summary>
/// <param name="Email">Unique email address they sign in with.</param>
/// <param name="DisplayName">Name shown to others.</param>
/// <param name="Password">Initial password: at least 10 characters, not the email.</param>
/// <param name="Role">admin or member.</param>
/// <param name="ManagerId">Their manager, if any.</param>
/// <param name="Teams">Teams they join at once, each with a role (lead or member); at most 50, none archived.</param>
public sealed record CreateUserCommand(string Email, string DisplayName, string Password, OrgRole Role, Guid? ManagerId = null, IReadOnlyList<InvitationTeam>? Teams = null)
    : ICommand<UserDto>;

public sealed class CreateUserCommandValidator : AbstractValidator<CreateUserCommand>
{
    public CreateUserCommandValidator()
    {
        RuleFor(c => c.Email).NotEmpty().MaximumLength(Limits.Email).Must(User.IsEmailAddress).WithMessage("'email' is not a valid email address.");
        RuleFor(c => c.DisplayName).NotEmpty().MaximumLength(Limits.Name).SingleLine();
        RuleFor(c => c.Password).NotEmpty().MinimumLength(Limits.PasswordMin).MaximumLength(Limits.PasswordMax).NotCommon()
            .Must((c, password) => !string.Equals(password, c.Email, StringComparison.OrdinalIgnoreCase))
            .WithMessage("'password' must not be the email address.");
        RuleFor(c => c.Role).IsInEnum();
        RuleFor(c => c.Teams).MaxItems(NewMemberTeams.Max).WithMessage($"At most {NewMemberTeams.Max} teams.");
        RuleForEach(c => c.Teams).NotNull().WithMessage("A team to join is { \"teamId\", \"role\" }, not null.")
            .ChildRules(t => t.RuleFor(x => x.Role).IsInEnum());
    }
}

public sealed class CreateUserCommandHandler(OkrDbContext db, AccessPolicy access, IPasswordHasher<User> hasher, TimeProvider clock)
    : ICommandHandler<CreateUserCommand, UserDto>
{
    public async ValueTask<UserDto> Handle(CreateUserCommand command, CancellationToken cancellationToken)
    {
        access.EnsureAdmin("create users");
        if (command.ManagerId is { } managerId && !await db.Users.AnyAsync(u => u.Id == managerId, cancellationToken))
        {
            throw new DomainRuleException("managerId", $"User '{managerId}' does not exist.");
        }

        var teams = command.Teams ?? [];
        await NewMemberTeams.EnsureJoinableAsync(db, teams, cancellationToken);

        var user = new User
        {
            Email = User.NormaliseEmail(command.Email),
            DisplayName = command.DisplayName.Trim(),
            Role = command.Role,
            ManagerId = command.ManagerId,
            CreatedAt = clock.GetUtcNow(),
        };
        user.PasswordHash = hasher.HashPassword(user, command.Password);
        db.Users.Add(user);
        NewMemberTeams.Join(db, user, teams);
        await db.SaveChangesAsync(cancellationToken);
        return user.ToDto();
    }
}
