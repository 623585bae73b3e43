using Microsoft.EntityFrameworkCore;
using Okr.Api.Domain;
using Okr.Api.Infrastructure.Errors;
using Okr.Api.Infrastructure.Persistence;

namespace Okr.Api.Features.Invitations;

/// <summary>
/// The teams a new person joins when they are added or invited: each must exist and not be archived (422 naming
/// <c>teams[i].teamId</c>); a team named twice is joined once, with its first role. One rule for both ways in.
/// </summary>
public static class NewMemberTeams
{
    public const int Max = 50;

    public static async Task EnsureJoinableAsync(OkrDbContext db, IReadOnlyList<InvitationTeam> teams, CancellationToken ct)
    {
        var teamIds = teams.Select(t => t.TeamId).Distinct().ToArray();
        var known = await db.Teams.Where(t => teamIds.Contains(t.Id)).Select(t => new { t.Id, t.Archived }).ToListAsync(ct);
        foreach (var (team, i) in teams.Select((t, i) => (t, i)))
        {
            var found = known.SingleOrDefault(k => k.Id == team.TeamId);
            if (found is null) throw new DomainRuleException($"teams[{i}].teamId", $"Team '{team.TeamId}' does not exist.");
            if (found.Archived) throw new DomainRuleException($"teams[{i}].teamId", "The team is archived.");
        }
    }

    public static void Join(OkrDbContext db, User user, IReadOnlyList<InvitationTeam> teams)
    {
        foreach (var team in teams.DistinctBy(t => t.TeamId)) db.TeamMemberships.Add(new TeamMembership { TeamId = team.TeamId, UserId = user.Id, Role = team.Role });
    }
}
