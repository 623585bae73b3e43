using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Okr.Api.Domain;
using Okr.Api.Infrastructure.Auth;
using Okr.Api.Infrastructure.Errors;
using Okr.Api.Infrastructure.Http;
using Okr.Api.Infrastructure.Persistence;

namespace Okr.Api.Features.Teams;

/// <summary>Changes to a team; fields left out stay as they are.</summary>
/// <param name="Name">New display name.</param>
/// <param name="Slug">New unique key.</param>
/// <param name="ParentId">Move the team under another one (not under itself or its own sub-teams).</param>
public sealed record UpdateTeamRequest(string? Name = null, string? Slug = null, Guid? ParentId = null);

public sealed record UpdateTeamCommand(Guid Id, uint IfMatch, Patch<UpdateTeamRequest> Changes) : ICommand<TeamDto>;

public sealed class UpdateTeamCommandValidator : AbstractValidator<UpdateTeamCommand>
{
    public UpdateTeamCommandValidator()
    {
        RuleFor(c => c.Changes.Value.Name).NotEmpty().MaximumLength(Limits.Name).SingleLine().When(c => c.Changes.Has("name")).OverridePropertyName("name");
        RuleFor(c => c.Changes.Value.Slug).NotEmpty().MaximumLength(Limits.Slug).SingleLine().Matches(TeamRules.SlugPattern)
            .When(c => c.Changes.Has("slug")).OverridePropertyName("slug");
    }
}

public sealed class UpdateTeamCommandHandler(OkrDbContext db, AccessPolicy access) : ICommandHandler<UpdateTeamCommand, TeamDto>
{
    public async ValueTask<TeamDto> Handle(UpdateTeamCommand command, CancellationToken cancellationToken)
    {
        access.EnsureAdmin("change teams");
        var team = await db.Teams.SingleOrDefaultAsync(t => t.Id == command.Id, cancellationToken) ?? throw new NotFoundException("Team", command.Id);
        db.ExpectVersion(team, command.IfMatch);

        var changes = command.Changes;
        if (changes.Value.Name is not null) team.Name = changes.Value.Name.Trim();
        if (changes.Value.Slug is not null) team.Slug = changes.Value.Slug;
        if (changes.Has("parentId") && changes.Value.ParentId != team.ParentId)
        {
            if (team.IsCompany) throw new DomainRuleException("parentId", TeamTree.CompanyStaysAtRoot);
            if (changes.Value.ParentId is not { } parentId) throw new DomainRuleException("parentId", TeamTree.OneCompany);
            var tree = await db.LoadTeamTreeAsync(cancellationToken);
            if (!tree.Contains(parentId)) throw new DomainRuleException("parentId", $"Team '{parentId}' does not exist.");
            var parentArchived = await db.Teams.Where(t => t.Id == parentId).Select(t => t.Archived).SingleAsync(cancellationToken);
            if (Team.UnderArchivedProblem(team.Archived, parentArchived) is { } archived) throw new DomainRuleException("parentId", archived);
            if (TeamTree.WouldLoop(team.Id, parentId, tree.Parents)) throw new DomainRuleException("parentId", TeamTree.NoLoop);
            if (TeamTree.DepthProblem(TeamTree.Depth(parentId, tree.Parents) + 1 + tree.Height(team.Id)) is { } tooDeep) throw new DomainRuleException("parentId", tooDeep);

            await EnsureAlignmentsSurviveAsync(team.Id, tree.Moved(team.Id, parentId), cancellationToken);
            team.ParentId = parentId;
        }

        await db.SaveChangesAsync(cancellationToken);
        return team.ToRow().ToDto(await access.RightsAsync(cancellationToken));
    }

    /// <summary>
    /// A team objective may align to an objective of a team above its own. Moving a team can undo "above":
    /// refuse the move (422) while any such alignment touching the moved subtree would no longer hold.
    /// </summary>
    private async Task EnsureAlignmentsSurviveAsync(Guid teamId, TeamTree after, CancellationToken ct)
    {
        var subtree = after.Subtree(teamId).ToArray();
        var links = await (from child in db.Objectives
                           join parent in db.Objectives on child.ParentId equals parent.Id
                           where child.OwnerId == null && parent.OwnerId == null
                                 && (subtree.Contains(child.TeamId) || subtree.Contains(parent.TeamId))
                           select new { ChildTeam = child.TeamId, ParentTeam = parent.TeamId, child.Title })
            .ToListAsync(ct);
        var broken = links.FirstOrDefault(l => !after.IsCompany(l.ParentTeam) && !after.IsStrictAncestor(l.ParentTeam, l.ChildTeam));
        if (broken is not null)
        {
            var count = links.Count(l => !after.IsCompany(l.ParentTeam) && !after.IsStrictAncestor(l.ParentTeam, l.ChildTeam));
            throw new DomainRuleException("parentId",
                $"Moving the team would break {count} alignment(s) between team objectives, e.g. '{broken.Title}': a team objective aligns only to a team above its own. Realign them first.");
        }
    }
}
