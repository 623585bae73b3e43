using Mediator;
using Microsoft.EntityFrameworkCore;
using Okr.Api.Infrastructure.Mediator;
using Okr.Api.Infrastructure.Persistence;

namespace Okr.Api.Features.Notifications;

/// <summary>Disconnects your own chat channel and turns chat off for every kind (nothing stays switched on that cannot arrive).</summary>
public sealed record DeletePersonalChatCommand : ICommand<NotificationSettingsDto>, IAllowedForReadOnly;

public sealed class DeletePersonalChatCommandHandler(OkrDbContext db, NotificationAccess access, NotificationPreferences preferences) : ICommandHandler<DeletePersonalChatCommand, NotificationSettingsDto>
{
    public async ValueTask<NotificationSettingsDto> Handle(DeletePersonalChatCommand command, CancellationToken cancellationToken)
    {
        var me = access.Me();
        if (await db.ChatChannels.SingleOrDefaultAsync(c => c.UserId == me, cancellationToken) is { } channel) db.ChatChannels.Remove(channel);
        if (await db.NotificationSettings.SingleOrDefaultAsync(s => s.UserId == me, cancellationToken) is { } settings)
        {
            var stored = NotificationPreferences.Parse(settings.Kinds);
            foreach (var kind in stored.Keys.ToList())
            {
                var next = stored[kind] with { Chat = false };
                if (next == NotificationPreferences.Defaults[kind]) stored.Remove(kind);
                else stored[kind] = next;
            }

            settings.Kinds = NotificationPreferences.Serialize(stored);
        }

        await db.SaveChangesAsync(cancellationToken);
        return await SettingsView.ReadAsync(db, preferences, me, cancellationToken);
    }
}
