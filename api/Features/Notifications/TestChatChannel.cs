using Mediator;
using Okr.Api.Infrastructure.Persistence;

namespace Okr.Api.Features.Notifications;

public sealed record TestChatChannelCommand(Guid TeamId, Guid ChannelId) : ICommand<ChatTestDto>;

/// <summary>Queues a short test message to the channel; its outcome shows on the channel (lastPostedAt, lastError) within seconds.</summary>
public sealed class TestChatChannelCommandHandler(OkrDbContext db, ChatChannelAccess access, ChatOutbox outbox) : ICommandHandler<TestChatChannelCommand, ChatTestDto>
{
    public async ValueTask<ChatTestDto> Handle(TestChatChannelCommand command, CancellationToken cancellationToken)
    {
        var (team, channel) = await access.ChannelAsync(command.TeamId, command.ChannelId, cancellationToken);
        var id = outbox.Add(channel.Id, channel.Kind, new ChatText($"Okr is connected to this channel for {team.Name}", "Status changes, the weekly due check-ins and period events will appear here.", $"/teams/{team.Id}"));
        await db.SaveChangesAsync(cancellationToken);
        return new ChatTestDto(id);
    }
}
