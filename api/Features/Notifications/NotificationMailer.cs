using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Okr.Api.Features.Reminders;
using Okr.Api.Infrastructure.Email;
using Okr.Api.Infrastructure.Persistence;

namespace Okr.Api.Features.Notifications;

/// <summary>When notifications set to "immediately" are emailed (<c>Okr:Notifications</c>).</summary>
public sealed class NotificationOptions
{
    public const string Section = "Okr:Notifications";

    /// <summary>How often each instance looks for notifications to email at once.</summary>
    public TimeSpan MailInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Off: this instance sends no immediate emails and no weekly digest (another instance may).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The weekly digest's day (it goes out at Okr:Reminders:Hour, UTC).</summary>
    public DayOfWeek DigestDay { get; set; } = DayOfWeek.Monday;
}

/// <summary>
/// Emails the notifications set to "immediately": every instance claims a batch with <c>FOR UPDATE SKIP LOCKED</c>,
/// stamps them emailed in that same statement and commits before sending, so two instances never send one twice.
/// A message the mail server refuses is logged, not retried (the notification stays in the inbox). Without a mail
/// server (Okr:Smtp:Host) the rules make notifications with email off, so nothing waits here.
/// </summary>
public sealed class NotificationMailer(IServiceScopeFactory scopes, Mailer mailer, IOptions<NotificationOptions> options, IOptions<ReminderOptions> reminders, ILogger<NotificationMailer> logger)
    : Infrastructure.Hosting.PollingWorker(logger)
{
    protected override TimeSpan Interval => options.Value.MailInterval;

    protected override string Work => "Notification emails";

    protected override Task ExecuteAsync(CancellationToken stoppingToken) => options.Value.Enabled ? base.ExecuteAsync(stoppingToken) : Task.CompletedTask;

    /// <summary>Claims and sends one batch; how many were claimed.</summary>
    public override async Task<int> RunOnceAsync(CancellationToken ct)
    {
        if (!mailer.Configured) return 0;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OkrDbContext>();
        var claimed = await db.Database.SqlQuery<Claimed>($"""
            WITH due AS (
                SELECT n.id FROM notifications n
                WHERE n.email = 'immediately' AND n.emailed_at IS NULL
                ORDER BY n.created_at
                LIMIT 50
                FOR UPDATE SKIP LOCKED)
            UPDATE notifications n SET emailed_at = clock_timestamp() FROM due WHERE n.id = due.id
            RETURNING n.id
            """).ToListAsync(ct);
        if (claimed.Count == 0) return 0;

        var ids = claimed.Select(c => c.Id).ToArray();
        var rows = await db.Notifications.AsNoTracking().Where(n => ids.Contains(n.Id))
            .Join(db.Users.Where(u => u.Active), n => n.UserId, u => u.Id, (n, u) => new { Notification = n, u.DisplayName, u.Email })
            .ToListAsync(ct);
        var messages = rows.Select(r => NotificationEmails.One(r.DisplayName, r.Email, r.Notification, reminders.Value.AppUrl)).ToList();
        var results = await mailer.SendAsync(messages, ct);
        for (var i = 0; i < results.Count; i++)
        {
            if (results[i] is { } error) logger.LogWarning("Notification {NotificationId} was not emailed: {Error}", rows[i].Notification.Id, error);
        }

        return claimed.Count;
    }

    private sealed record Claimed(Guid Id);
}
