using Microsoft.Extensions.Options;
using Okr.Api.Features.Reminders;
using Okr.Api.Features.Webhooks;
using Quartz;

namespace Okr.Api.Features.Notifications;

/// <summary>The Quartz job that starts the week's digest at the reminders' hour on the digest day (UTC).</summary>
[DisallowConcurrentExecution]
public sealed class WeeklyDigestJob(WeeklyDigest digest, IOptions<ReminderOptions> reminders, IOptions<NotificationOptions> options, TimeProvider clock) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        // Also fired once at start: an instance that was down at the hour catches the week up (the week's record keeps it to once).
        var now = clock.GetUtcNow().UtcDateTime;
        var today = DateOnly.FromDateTime(now);
        var week = today.AddDays(-(((int)today.DayOfWeek - (int)options.Value.DigestDay + 7) % 7));
        if (week == today && now.Hour < reminders.Value.Hour) return;
        await digest.RunAsync(week, cancellationToken);
    }
}

public static class NotificationsExtensions
{
    /// <summary>Comments' and notifications' services, the chat worker, the immediate mailer and (with the reminders) the weekly digest's schedule.</summary>
    public static IServiceCollection AddOkrNotifications(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<NotificationOptions>(configuration.GetSection(NotificationOptions.Section));
        services.AddScoped<NotificationAccess>();
        services.AddScoped<NotificationPreferences>();
        services.AddScoped<NotificationRules>();
        services.AddScoped<DailyNotifications>();
        services.AddScoped<WeeklyDigest>();
        services.AddScoped<ChatOutbox>();
        services.AddScoped<ChatChannelAccess>();
        services.AddSingleton<ChatChannelUrls>();
        services.AddSingleton<ChatWorker>();
        services.AddHostedService<ChatWorkerHost>();
        services.AddSingleton<NotificationMailer>();
        services.AddHostedService(provider => provider.GetRequiredService<NotificationMailer>());

        var reminders = configuration.GetSection(ReminderOptions.Section).Get<ReminderOptions>() ?? new ReminderOptions();
        var options = configuration.GetSection(NotificationOptions.Section).Get<NotificationOptions>() ?? new NotificationOptions();
        if (!reminders.Enabled || !options.Enabled) return services;
        var day = options.DigestDay.ToString()[..3].ToUpperInvariant();
        services.AddQuartz(quartz =>
        {
            var job = new JobKey("weekly-digest");
            quartz.AddJob<WeeklyDigestJob>(configure => configure.WithIdentity(job));
            quartz.AddTrigger(trigger => trigger.ForJob(job).WithIdentity("weekly-digest")
                .WithCronSchedule($"0 5 {reminders.Hour} ? * {day}", cron => cron.InTimeZone(TimeZoneInfo.Utc)));
            quartz.AddTrigger(trigger => trigger.ForJob(job).WithIdentity("catch-up-weekly-digest").StartAt(DateTimeOffset.UtcNow.AddMinutes(2)));
        });
        return services;
    }
}

/// <summary>Runs <see cref="ChatWorker"/> unless this instance is told not to deliver (Okr:Webhooks:DeliveryEnabled, shared with webhooks).</summary>
internal sealed class ChatWorkerHost(ChatWorker worker, IOptions<WebhookOptions> options) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => options.Value.DeliveryEnabled ? worker.StartAsync(cancellationToken) : Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => options.Value.DeliveryEnabled ? worker.StopAsync(cancellationToken) : Task.CompletedTask;
}
