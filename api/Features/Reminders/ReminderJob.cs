using Microsoft.Extensions.Options;
using Okr.Api.Infrastructure.Email;
using Quartz;

namespace Okr.Api.Features.Reminders;

/// <summary>The Quartz job that starts the day's reminders at the configured hour (UTC).</summary>
[DisallowConcurrentExecution]
public sealed class ReminderJob(DailyReminders reminders, IOptions<ReminderOptions> options, TimeProvider clock) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        // Also fired once at start: an instance that was down at the hour catches the day up (the day's record keeps it to once).
        var now = clock.GetUtcNow().UtcDateTime;
        if (now.Hour < options.Value.Hour) return;
        await reminders.RunAsync(DateOnly.FromDateTime(now), cancellationToken);
    }
}

public static class RemindersExtensions
{
    /// <summary>The mailer, the reminders and, unless turned off, a Quartz schedule that runs them daily at <see cref="ReminderOptions.Hour"/>.</summary>
    public static IServiceCollection AddOkrReminders(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<SmtpOptions>(configuration.GetSection(SmtpOptions.Section));
        services.Configure<ReminderOptions>(configuration.GetSection(ReminderOptions.Section));
        services.AddSingleton<Mailer>();
        services.AddSingleton<MailQueue>();
        services.AddHostedService<MailSender>();
        services.Configure<Invitations.AccountLinkOptions>(configuration.GetSection(Invitations.AccountLinkOptions.Section));
        services.AddScoped<DailyReminders>();
        var options = configuration.GetSection(ReminderOptions.Section).Get<ReminderOptions>() ?? new ReminderOptions();
        if (options.Hour is < 0 or > 23) throw new InvalidOperationException($"Okr:Reminders:Hour must be 0..23 (UTC), not {options.Hour}.");
        if (!options.Enabled) return services;

        services.AddQuartz(quartz =>
        {
            var job = new JobKey("daily-reminders");
            quartz.AddJob<ReminderJob>(configure => configure.WithIdentity(job));
            quartz.AddTrigger(trigger => trigger.ForJob(job).WithIdentity("daily-reminders")
                .WithCronSchedule($"0 0 {options.Hour} * * ?", cron => cron.InTimeZone(TimeZoneInfo.Utc)));
            quartz.AddTrigger(trigger => trigger.ForJob(job).WithIdentity("catch-up-reminders").StartAt(DateTimeOffset.UtcNow.AddMinutes(1)));
        });
        services.AddQuartzHostedService(q => q.WaitForJobsToComplete = true);
        return services;
    }
}
