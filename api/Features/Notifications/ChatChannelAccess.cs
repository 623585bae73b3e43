using Microsoft.EntityFrameworkCore;
using Okr.Api.Domain;
using Okr.Api.Infrastructure.Auth;
using Okr.Api.Infrastructure.Errors;
using Okr.Api.Infrastructure.Persistence;

namespace Okr.Api.Features.Notifications;

/// <summary>
/// Who connects a team to chat (docs/notifications.md, "Chat channels"): admins and the team's leads, the same people
/// who manage its members (<see cref="CallerRights.CanManageTeam"/>). They also read the team's channels; nobody else
/// does, since a channel's name and errors say where the team talks.
/// </summary>
public sealed class ChatChannelAccess(OkrDbContext db, AccessPolicy access)
{
    public async Task<Team> TeamAsync(Guid teamId, CancellationToken ct)
    {
        var team = await db.Teams.AsNoTracking().SingleOrDefaultAsync(t => t.Id == teamId, ct) ?? throw new NotFoundException("Team", teamId);
        if (!(await access.RightsAsync(ct)).CanManageTeam(teamId)) throw new ForbiddenException("Only the team's leads or an admin connect and see its chat channels.");
        return team;
    }

    public async Task<(Team Team, ChatChannel Channel)> ChannelAsync(Guid teamId, Guid channelId, CancellationToken ct)
    {
        var team = await TeamAsync(teamId, ct);
        return (team, await db.ChatChannels.SingleOrDefaultAsync(c => c.Id == channelId && c.TeamId == teamId, ct) ?? throw new NotFoundException("ChatChannel", channelId));
    }

    public static ChatChannelDto ToDto(ChatChannel c) => new(c.Id, c.TeamId!.Value, c.Kind, c.Host, c.Description, c.LastPostedAt, c.LastError, c.CreatedAt);
}
