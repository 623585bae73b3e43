using Mediator;
using Microsoft.EntityFrameworkCore;
using Okr.Api.Infrastructure.Persistence;

namespace Okr.Api.Features.Notifications;

public sealed record GetNotificationSettingsQuery : IQuery<NotificationSettingsDto>;

public sealed class GetNotificationSettingsQueryHandler(OkrDbContext db, NotificationAccess access, NotificationPreferences preferences)
    : IQueryHandler<GetNotificationSettingsQuery, NotificationSettingsDto>
{
    public async ValueTask<NotificationSettingsDto> Handle(GetNotificationSettingsQuery query, CancellationToken cancellationToken) =>
        await SettingsView.ReadAsync(db, preferences, access.Me(), cancellationToken);
}

internal static class SettingsView
{
    public static async Task<NotificationSettingsDto> ReadAsync(OkrDbContext db, NotificationPreferences preferences, Guid me, CancellationToken ct)
    {
        var choices = (await preferences.ForAsync([me], ct))[me];
        var chat = await db.ChatChannels.AsNoTracking().Where(c => c.UserId == me).Select(c => new PersonalChatDto(c.Kind, c.Host)).SingleOrDefaultAsync(ct);
        return new NotificationSettingsDto([.. choices.Kinds.Select(k => new KindSettingDto(k.Key, k.Value.InApp, k.Value.Email, k.Value.Chat))], choices.WeeklyDigest, chat);
    }
}
