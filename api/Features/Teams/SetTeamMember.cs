using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Okr.Api.Domain;
using Okr.Api.Infrastructure.Auth;
using Okr.Api.Infrastructure.Errors;
using Okr.Api.Infrastructure.Persistence;

namespace Okr.Api.Features.Teams;

/// <summary>The role to give a person in the team.</summary>
/// <param name="Role">lead or member.</param>
public sealed record SetTeamMemberRequest(TeamRole Role);

/// <summary>Adds a person to a team, or changes their role there.</summary>
public sealed record SetTeamMemberCommand(Guid TeamId, Guid UserId, TeamRole Role) : ICommand<TeamMemberDto>;

public sealed class SetTeamMemberCommandValidator : AbstractValidator<SetTeamMemberCommand>
{
    public SetTeamMemberCommandValidator() => RuleFor(c => c.Role).IsInEnum();
}

public sealed class SetTeamMemberCommandHandler(OkrDbContext db, AccessPolicy access) : ICommandHandler<SetTeamMemberCommand, TeamMemberDto>
{
    public async ValueTask<TeamMemberDto> Handle(SetTeamMemberCommand command, CancellationToken cancellationToken)
    {
        var team = await db.Teams.Where(t => t.Id == command.TeamId).Select(t => new { t.Archived }).SingleOrDefaultAsync(cancellationToken)
                   ?? throw new NotFoundException("Team", command.TeamId);
        await access.EnsureCanManageTeamAsync(command.TeamId, cancellationToken);
        if (team.Archived) throw new DomainRuleException("teamId", "The team is archived: its membership is frozen.");
        var user = await db.Users.Where(u => u.Id == command.UserId).Select(u => new { u.DisplayName, u.Active }).SingleOrDefaultAsync(cancellationToken)
                   ?? throw new DomainRuleException("userId", $"User '{command.UserId}' does not exist.");
        if (!user.Active) throw new DomainRuleException("userId", "The person is deactivated.");

        var membership = await db.TeamMemberships.SingleOrDefaultAsync(m => m.TeamId == command.TeamId && m.UserId == command.UserId, cancellationToken);
        if (membership is null) db.TeamMemberships.Add(new TeamMembership { TeamId = command.TeamId, UserId = command.UserId, Role = command.Role });
        else membership.Role = command.Role;
        await db.SaveChangesAsync(cancellationToken);
        return new TeamMemberDto(command.UserId, user.DisplayName, command.Role);
    }
}
