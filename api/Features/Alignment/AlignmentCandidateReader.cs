using Microsoft.EntityFrameworkCore;
using Okr.Api.Domain;
using Okr.Api.Infrastructure.Auth;
using Okr.Api.Infrastructure.Http;
using Okr.Api.Infrastructure.Persistence;

namespace Okr.Api.Features.Alignment;

/// <summary>An objective that another one may align to.</summary>
/// <param name="Id">Objective id: send it as parentId.</param>
/// <param name="Title">Objective title.</param>
/// <param name="Level">company or team (an individual objective is never a parent).</param>
/// <param name="TeamId">Owning team.</param>
/// <param name="OwnerId">Owning person; null for team and company objectives.</param>
/// <param name="State">draft, active or closed (archived objectives are never candidates).</param>
public sealed record AlignmentCandidateDto(Guid Id, string Title, ObjectiveLevel Level, Guid TeamId, Guid? OwnerId, ObjectiveState State);

/// <summary>
/// The objectives a child may align to, by the same rules that <see cref="Domain.Alignment.EnsureCanAlign"/> enforces on writes:
/// same period, a higher level (<see cref="Domain.Alignment.IsAbove"/>, applied to every team), not archived, not a draft unless the
/// child is one (<see cref="Domain.Alignment.LinkStands"/>), visible to the caller, and never the child itself or anything aligned below
/// it. At most five round trips: the team tree, the caller's lead teams, what lies below the child and whether it is a draft (when it
/// exists), and one page with its count.
/// </summary>
public sealed class AlignmentCandidateReader(OkrDbContext db, AccessPolicy access)
{
    public async Task<PagedList<AlignmentCandidateDto>> ListAsync(
        Guid? objectiveId, Guid periodId, Guid teamId, Guid? ownerId, string? q, IPagedQuery paging, CancellationToken ct)
    {
        var teams = await db.LoadTeamTreeAsync(ct);
        if (!teams.Contains(teamId)) throw new DomainRuleException("teamId", $"Team '{teamId}' does not exist.");
        var child = new AlignmentNode(objectiveId ?? Guid.Empty, Objective.LevelOf(teams.IsCompany(teamId), ownerId), teamId, periodId);
        var (teamOwned, personOwned) = Domain.Alignment.TeamsAbove(child, teams);
        if (teamOwned.Count == 0 && personOwned.Count == 0) return new PagedList<AlignmentCandidateDto>([], 0, paging.Page, paging.PageSize);

        var below = objectiveId is { } id ? await SelfAndBelowAsync(id, ct) : [];
        // Only a draft aligns to a draft (Alignment.LinkStands): drafts are offered to an existing draft only.
        var takesDrafts = objectiveId is { } self && await db.Objectives.AnyAsync(o => o.Id == self && o.State == ObjectiveState.Draft, ct);
        var candidates = (await access.VisibleAsync(db.Objectives, ct)).Where(o =>
            o.PeriodId == periodId && o.State != ObjectiveState.Archived && (takesDrafts || o.State != ObjectiveState.Draft) && !below.Contains(o.Id)
            && ((o.OwnerId == null && teamOwned.Contains(o.TeamId)) || (o.OwnerId != null && personOwned.Contains(o.TeamId))));
        if (!string.IsNullOrWhiteSpace(q))
        {
            var pattern = $"%{Like.Escape(q.Trim())}%";
            candidates = candidates.Where(o => EF.Functions.ILike(o.Title, pattern, "\\"));
        }

        var page = await candidates.OrderBy(o => o.Title).ThenBy(o => o.Id)
            .Select(o => new { o.Id, o.Title, o.TeamId, o.OwnerId, o.State }).ToPagedListAsync(paging, ct);
        var items = page.Items.Select(o => new AlignmentCandidateDto(o.Id, o.Title, Objective.LevelOf(teams.IsCompany(o.TeamId), o.OwnerId), o.TeamId, o.OwnerId, o.State)).ToList();
        return new PagedList<AlignmentCandidateDto>(items, page.TotalCount, page.Page, page.PageSize);
    }

    /// <summary>The objective and everything aligned below it, at any depth (a cycle would otherwise form).</summary>
    private Task<List<Guid>> SelfAndBelowAsync(Guid id, CancellationToken ct) =>
        db.Database.SqlQuery<Guid>($"""
            WITH RECURSIVE down AS (
                SELECT {id} AS id
                UNION
                SELECT o.id FROM objectives o JOIN down ON o.parent_id = down.id
            )
            SELECT id AS "Value" FROM down
            """).ToListAsync(ct);
}
