using Microsoft.EntityFrameworkCore;
using Okr.Api.Domain;

namespace Okr.Api.Infrastructure.Persistence;

public static class TeamTreeQueries
{
    /// <summary>The whole team tree in one round trip (two uuid columns a team).</summary>
    public static async Task<TeamTree> LoadTeamTreeAsync(this OkrDbContext db, CancellationToken ct)
    {
        var rows = await db.Teams.Select(t => new { t.Id, t.ParentId }).ToListAsync(ct);
        return new TeamTree(rows.Select(t => (t.Id, t.ParentId)));
    }
}
