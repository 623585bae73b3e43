using Mediator;
using Microsoft.EntityFrameworkCore;
using Okr.Api.Domain;
using Okr.Api.Infrastructure.Auth;
using Okr.Api.Infrastructure.Errors;
using Okr.Api.Infrastructure.Persistence;

namespace Okr.Api.Features.Teams;

/// <summary>Archives a team after a reorganisation: its objectives and history stay readable.</summary>
public sealed record ArchiveTeamCommand(Guid Id) : ICommand<TeamDto>;

public sealed class ArchiveTeamCommandHandler(OkrDbContext db, AccessPolicy access) : ICommandHandler<ArchiveTeamCommand, TeamDto>
{
    public async ValueTask<TeamDto> Handle(ArchiveTeamCommand command, CancellationToken cancellationToken)
    {
        access.EnsureAdmin("archive teams");
        var team = await db.Teams.SingleOrDefaultAsync(t => t.Id == command.Id, cancellationToken) ?? throw new NotFoundException("Team", command.Id);
        if (team.IsCompany) throw new DomainRuleException("id", "The company team cannot be archived.");
        if (await db.Teams.AnyAsync(t => t.ParentId == team.Id && !t.Archived, cancellationToken))
        {
            throw new DomainRuleException("id", "Archive or move the team's sub-teams first.");
        }

        team.Archived = true;
        await db.SaveChangesAsync(cancellationToken);
        return team.ToRow().ToDto(await access.RightsAsync(cancellationToken));
    }
}
