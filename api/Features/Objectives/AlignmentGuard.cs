using Microsoft.EntityFrameworkCore;
using Okr.Api.Domain;
using Okr.Api.Infrastructure.Auth;
using Okr.Api.Infrastructure.Errors;
using Okr.Api.Infrastructure.Persistence;

namespace Okr.Api.Features.Objectives;

/// <summary>Loads what the alignment rules (<see cref="Alignment"/>) need from the database and applies them.</summary>
public sealed class AlignmentGuard(OkrDbContext db, AccessPolicy access)
{
    public Task<TeamTree> TeamsAsync(CancellationToken ct) => db.LoadTeamTreeAsync(ct);

    /// <summary>Refuses (422) aligning <paramref name="child"/> to <paramref name="parentId"/> when the parent is missing, of a lower level, in another period, or below the child.</summary>
    public async Task EnsureCanAlignAsync(AlignmentNode child, Guid parentId, TeamTree teams, CancellationToken ct)
    {
        var parent = await (await access.VisibleAsync(db.Objectives, ct)).Where(o => o.Id == parentId)
                         .Select(o => new { o.Id, o.TeamId, o.OwnerId, o.PeriodId, o.State })
                         .SingleOrDefaultAsync(ct)
                     ?? throw new DomainRuleException("parentId", $"Objective '{parentId}' does not exist.");
        if (parent.State == ObjectiveState.Archived) throw new DomainRuleException("parentId", Domain.Alignment.ArchivedParent);

        var ancestors = await db.Database.SqlQuery<Guid>($"""
            WITH RECURSIVE up AS (
                SELECT parent_id AS id, 1 AS depth FROM objectives WHERE id = {parentId} AND parent_id IS NOT NULL
                UNION
                SELECT o.parent_id, up.depth + 1 FROM objectives o JOIN up ON o.id = up.id WHERE o.parent_id IS NOT NULL AND up.depth <= {Limits.MaxAlignmentDepth}
            )
            SELECT id AS "Value" FROM up
            """).ToListAsync(ct);

        var parentNode = new AlignmentNode(parent.Id, Objective.LevelOf(teams.IsCompany(parent.TeamId), parent.OwnerId), parent.TeamId, parent.PeriodId);
        Domain.Alignment.EnsureCanAlign(child, parentNode, ancestors, teams);

        // How deep the chain would be: what is above the new parent, and what already hangs below the child (bounded walks).
        var below = await db.Database.SqlQuery<int>($"""
            WITH RECURSIVE down AS (
                SELECT id, 1 AS depth FROM objectives WHERE parent_id = {child.Id}
                UNION ALL
                SELECT o.id, down.depth + 1 FROM objectives o JOIN down ON o.parent_id = down.id WHERE down.depth <= {Limits.MaxAlignmentDepth}
            )
            SELECT coalesce(max(depth), 0) AS "Value" FROM down
            """).SingleAsync(ct);
        if (Domain.Alignment.DepthProblem(ancestors.Count + 1, below) is { } tooDeep) throw new DomainRuleException("parentId", tooDeep);
    }

    /// <summary>
    /// How much an aligned objective counts in its parent is the parent's decision: anyone who writes an objective may
    /// align it to a higher one, but only whoever may write the parent gives it a weight other than 1 — otherwise one
    /// member's objective at weight 1,000 could carry another team's objective to 100%.
    /// </summary>
    public async Task EnsureMayWeighAsync(Guid parentId, decimal weight, CancellationToken ct)
    {
        if (weight == 1) return;
        var parent = await db.Objectives.Where(o => o.Id == parentId).Select(o => new { o.TeamId, o.OwnerId }).SingleAsync(ct);
        if ((await access.RightsAsync(ct)).CanWriteObjective(parent.TeamId, parent.OwnerId)) return;
        throw new ForbiddenException("'weight': how much an objective counts in the one it aligns to is decided by whoever may write that objective; leave it at 1.");
    }

    /// <summary>
    /// After an objective changed team or owner, everything aligned to it must still be of a lower level.
    /// <paramref name="field"/> is the changed field (teamId or ownerId), named in the error.
    /// </summary>
    public async Task EnsureChildrenStillFitAsync(AlignmentNode self, TeamTree teams, string field, CancellationToken ct)
    {
        var children = await db.Objectives.Where(o => o.ParentId == self.Id)
            .Select(o => new { o.Id, o.TeamId, o.OwnerId, o.PeriodId }).ToListAsync(ct);
        foreach (var child in children)
        {
            var node = new AlignmentNode(child.Id, Objective.LevelOf(teams.IsCompany(child.TeamId), child.OwnerId), child.TeamId, child.PeriodId);
            try
            {
                Domain.Alignment.EnsureCanAlign(node, self, [], teams);
            }
            catch (DomainRuleException e)
            {
                throw new DomainRuleException(field, $"Objective '{child.Id}' aligns to this one and would no longer fit: {e.Message}");
            }
        }
    }
}
