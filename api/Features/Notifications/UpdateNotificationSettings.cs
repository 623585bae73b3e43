using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Okr.Api.Domain;
using Okr.Api.Features.Webhooks;
using Okr.Api.Infrastructure.Http;
using Okr.Api.Infrastructure.Mediator;
using Okr.Api.Infrastructure.Persistence;

namespace Okr.Api.Features.Notifications;

/// <summary>Changes your own notification settings (viewers too: they are told things as well).</summary>
public sealed record UpdateNotificationSettingsCommand(Patch<UpdateNotificationSettingsRequest> Changes) : ICommand<NotificationSettingsDto>, IAllowedForReadOnly;

public sealed class UpdateNotificationSettingsCommandValidator : AbstractValidator<UpdateNotificationSettingsCommand>
{
    public UpdateNotificationSettingsCommandValidator(IOptions<WebhookOptions> webhooks)
    {
        RuleForEach(c => c.Changes.Value.Kinds).NotNull().WithMessage("Each change is {kind, inApp?, email?, chat?}.").OverridePropertyName("kinds");
        RuleFor(c => c.Changes.Value.Kinds).Must(k => k is null || k.Any(x => x is null) || k.Select(x => x.Kind).Distinct().Count() == k.Count)
            .WithMessage("Change each kind once.").OverridePropertyName("kinds");
        RuleFor(c => c.Changes.Value.Chat).NotNull().When(c => c.Changes.Has("chat")).WithMessage("chat is {kind, url}; to disconnect, DELETE /users/me/notification-settings/chat.").OverridePropertyName("chat");
        RuleFor(c => c.Changes.Value.WeeklyDigest).NotNull().When(c => c.Changes.Has("weeklyDigest")).WithMessage("weeklyDigest is true or false.").OverridePropertyName("weeklyDigest");
        RuleFor(c => c.Changes.Value.Chat!.Url).Custom((url, context) =>
        {
            if (WebhookTargets.UrlProblem(url, webhooks.Value) is { } problem) context.AddFailure("chat.url", problem);
        }).When(c => c.Changes.Value.Chat is not null);
    }
}

/// <summary>Chat on for a kind needs your own channel, connected before or in the same request (422 naming kinds[i].chat otherwise).</summary>
public sealed class UpdateNotificationSettingsCommandHandler(OkrDbContext db, NotificationAccess access, NotificationPreferences preferences, ChatChannelUrls urls, TimeProvider clock)
    : ICommandHandler<UpdateNotificationSettingsCommand, NotificationSettingsDto>
{
    public async ValueTask<NotificationSettingsDto> Handle(UpdateNotificationSettingsCommand command, CancellationToken cancellationToken)
    {
        var me = access.Me();
        var changes = command.Changes;
        var channel = await db.ChatChannels.SingleOrDefaultAsync(c => c.UserId == me, cancellationToken);
        if (changes.Value.Chat is { } chat)
        {
            if (channel is not null) db.ChatChannels.Remove(channel);
            channel = new ChatChannel { UserId = me, Kind = chat.Kind, UrlProtected = urls.Protect(chat.Url.Trim()), Host = new Uri(chat.Url.Trim()).Host, Description = "Personal" };
            db.ChatChannels.Add(channel);
        }

        // One row per person, made if missing and locked, so two changes at once (two tabs) both land, one after the other.
        await db.Database.ExecuteSqlAsync($"INSERT INTO notification_settings (user_id, kinds, weekly_digest, modified_at) VALUES ({me}, '{{}}', true, {clock.GetUtcNow()}) ON CONFLICT DO NOTHING", cancellationToken);
        var settings = await db.NotificationSettings.FromSql($"SELECT * FROM notification_settings WHERE user_id = {me} FOR UPDATE").SingleAsync(cancellationToken);

        var stored = NotificationPreferences.Parse(settings.Kinds);
        var kinds = changes.Value.Kinds ?? [];
        for (var i = 0; i < kinds.Count; i++)
        {
            var change = kinds[i];
            var was = stored.GetValueOrDefault(change.Kind, NotificationPreferences.Defaults[change.Kind]);
            var next = new KindChoice(change.InApp ?? was.InApp, change.Email ?? was.Email, change.Chat ?? was.Chat);
            if (next.Chat && channel is null)
            {
                throw new DomainRuleException($"kinds[{i}].chat", "Connect your own chat channel first (chat: {kind, url}), then turn chat on per kind.");
            }

            if (next == NotificationPreferences.Defaults[change.Kind]) stored.Remove(change.Kind);
            else stored[change.Kind] = next;
        }

        settings.Kinds = NotificationPreferences.Serialize(stored);
        if (changes.Value.WeeklyDigest is { } weekly) settings.WeeklyDigest = weekly;
        settings.ModifiedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        return await SettingsView.ReadAsync(db, preferences, me, cancellationToken);
    }
}
