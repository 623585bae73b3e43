using Mediator;
using Microsoft.EntityFrameworkCore;
using Okr.Api.Infrastructure.Persistence;

namespace Okr.Api.Features.Notifications;

public sealed record ListChatChannelsQuery(Guid TeamId) : IQuery<IReadOnlyList<ChatChannelDto>>;

/// <summary>A team's channels, oldest first: admins and the team's leads (403 otherwise).</summary>
public sealed class ListChatChannelsQueryHandler(OkrDbContext db, ChatChannelAccess access) : IQueryHandler<ListChatChannelsQuery, IReadOnlyList<ChatChannelDto>>
{
    public async ValueTask<IReadOnlyList<ChatChannelDto>> Handle(ListChatChannelsQuery query, CancellationToken cancellationToken)
    {
        await access.TeamAsync(query.TeamId, cancellationToken);
        var channels = await db.ChatChannels.AsNoTracking().Where(c => c.TeamId == query.TeamId).OrderBy(c => c.CreatedAt).ToListAsync(cancellationToken);
        return [.. channels.Select(ChatChannelAccess.ToDto)];
    }
}
