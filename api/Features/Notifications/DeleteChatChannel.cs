using Mediator;
using Okr.Api.Infrastructure.Persistence;

namespace Okr.Api.Features.Notifications;

public sealed record DeleteChatChannelCommand(Guid TeamId, Guid ChannelId) : ICommand;

/// <summary>Admins and the team's leads; messages not yet posted are dropped with it.</summary>
public sealed class DeleteChatChannelCommandHandler(OkrDbContext db, ChatChannelAccess access) : ICommandHandler<DeleteChatChannelCommand>
{
    public async ValueTask<Mediator.Unit> Handle(DeleteChatChannelCommand command, CancellationToken cancellationToken)
    {
        var (_, channel) = await access.ChannelAsync(command.TeamId, command.ChannelId, cancellationToken);
        db.ChatChannels.Remove(channel);
        await db.SaveChangesAsync(cancellationToken);
        return Mediator.Unit.Value;
    }
}
