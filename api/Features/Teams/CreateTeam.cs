using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Okr.Api.Domain;
using Okr.Api.Infrastructure.Http;
using Okr.Api.Infrastructure.Auth;
using Okr.Api.Infrastructure.Persistence;

namespace Okr.Api.Features.Teams;

/// <summary>A new team.</summary>
/// <param name="Name">Display name.</param>
/// <param name="Slug">Unique key of lower-case letters, digits and dashes.</param>
/// <param name="ParentId">The team above. Leave it out only for the very first team: the company.</param>
public sealed record CreateTeamCommand(string Name, string Slug, Guid? ParentId = null) : ICommand<TeamDto>;

public sealed class CreateTeamCommandValidator : AbstractValidator<CreateTeamCommand>
{
    public CreateTeamCommandValidator()
    {
        RuleFor(c => c.Name).NotEmpty().MaximumLength(Limits.Name).SingleLine();
        RuleFor(c => c.Slug).NotEmpty().MaximumLength(Limits.Slug).SingleLine().Matches(TeamRules.SlugPattern)
            .WithMessage("'slug' may hold only lower-case letters, digits and single dashes, e.g. 'customer-success'.");
    }
}

public sealed class CreateTeamCommandHandler(OkrDbContext db, AccessPolicy access, TimeProvider clock) : ICommandHandler<CreateTeamCommand, TeamDto>
{
    public async ValueTask<TeamDto> Handle(CreateTeamCommand command, CancellationToken cancellationToken)
    {
        access.EnsureAdmin("create teams");
        if (command.ParentId is { } parentId)
        {
            var parent = await db.Teams.Where(t => t.Id == parentId).Select(t => new { t.Archived }).SingleOrDefaultAsync(cancellationToken)
                         ?? throw new DomainRuleException("parentId", $"Team '{parentId}' does not exist.");
            if (Team.UnderArchivedProblem(teamArchived: false, parent.Archived) is { } problem) throw new DomainRuleException("parentId", problem);
            var tree = await db.LoadTeamTreeAsync(cancellationToken);
            if (TeamTree.DepthProblem(TeamTree.Depth(parentId, tree.Parents) + 1) is { } tooDeep) throw new DomainRuleException("parentId", tooDeep);
        }
        else if (await db.Teams.AnyAsync(t => t.ParentId == null, cancellationToken))
        {
            throw new DomainRuleException("parentId", TeamTree.OneCompany);
        }

        var team = new Team { Name = command.Name.Trim(), Slug = command.Slug, ParentId = command.ParentId, CreatedAt = clock.GetUtcNow() };
        db.Teams.Add(team);
        await db.SaveChangesAsync(cancellationToken);
        return team.ToRow().ToDto(await access.RightsAsync(cancellationToken));
    }
}
