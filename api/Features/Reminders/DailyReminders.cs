using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Okr.Api.Domain;
using Okr.Api.Features.Cycle;
using Okr.Api.Infrastructure.Email;
using Okr.Api.Infrastructure.Persistence;

namespace Okr.Api.Features.Reminders;

/// <summary>
/// When and how the daily reminders go out (<c>Okr:Reminders</c>; <c>OKR_REMINDER_HOUR</c>, <c>OKR_APP_URL</c>).
/// </summary>
public sealed class ReminderOptions
{
    public const string Section = "Okr:Reminders";

    /// <summary>Off: no daily job is scheduled on this instance (the due list in the web app stays).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The hour of the day (UTC, 0..23) at which reminders go out.</summary>
    public int Hour { get; set; } = 8;

    /// <summary>Where people open Okr, for the links in the digest.</summary>
    public string AppUrl { get; set; } = "http://127.0.0.1:5080";
}

/// <summary>What a run did: ran (and how much), or found the day already done or being done by another instance.</summary>
/// <param name="Ran">True when this call did the day's run.</param>
/// <param name="People">People with due check-ins.</param>
/// <param name="EmailsSent">Digests the mail server accepted.</param>
public sealed record ReminderOutcome(bool Ran, int People, int EmailsSent);

/// <summary>
/// Once a day: the day's notifications (due check-ins from <see cref="DueCheckIns"/>, 1:1 packets ready) and one email
/// digest per person of everything waiting for the daily email (<see cref="Notifications.DailyNotifications"/>), recorded per person.
/// However many API instances run, a day is done once: the run takes a PostgreSQL advisory lock for a short
/// transaction, looks for the day's record and writes it with the deliveries to make; a second instance either finds
/// the lock taken (it skips) or finds the record. The emails go out after that commit, and their outcome is recorded.
/// </summary>
public sealed class DailyReminders(OkrDbContext db, DueCheckIns due, Notifications.DailyNotifications daily, Mailer mailer, IOptions<ReminderOptions> options, TimeProvider clock, ILogger<DailyReminders> logger)
{
    /// <summary>The advisory lock's key: one number for "the daily reminders" across the database.</summary>
    private const long LockKey = 0x6f6b725f72656d; // "okr_rem"

    public async Task<ReminderOutcome> RunAsync(DateOnly day, CancellationToken ct)
    {
        // 1. Claim the day and write down who is due, in one short transaction (retried whole on a blip): from its commit
        //    on, no other instance and no retry runs the day again.
        var strategy = db.Database.CreateExecutionStrategy();
        var claim = await strategy.ExecuteAsync(async token =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(token);
            var locked = await db.Database.SqlQuery<bool>($"SELECT pg_try_advisory_xact_lock({LockKey}) AS \"Value\"").SingleAsync(token);
            if (!locked || await db.ReminderRuns.AnyAsync(r => r.Day == day, token)) return ((int People, List<(Guid Id, MailMessage Message)> Messages)?)null;

            var now = clock.GetUtcNow();
            var byPerson = await due.ByPersonAsync(now, token);
            var ids = byPerson.Keys.ToArray();
            var dueCount = await db.Users.AsNoTracking().CountAsync(u => ids.Contains(u.Id) && u.Active, token);
            db.ReminderRuns.Add(new ReminderRun { Day = day, RanAt = now, People = dueCount });
            var digests = await daily.RunAsync(day, now, byPerson, options.Value.AppUrl, token);
            foreach (var (userId, message, keyResults) in digests)
            {
                db.ReminderDeliveries.Add(new ReminderDelivery
                {
                    Day = day, UserId = userId, Email = message.ToAddress, KeyResults = keyResults,
                    Error = mailer.Configured ? null : "No mail server is configured (Okr:Smtp:Host).",
                });
            }

            await db.SaveChangesAsync(token);
            await transaction.CommitAsync(token);
            return (People: dueCount, Messages: digests.Select(d => (Id: d.UserId, d.Message)).ToList());
        }, ct);
        if (claim is not { People: var people, Messages: var messages }) return new ReminderOutcome(false, 0, 0);

        // 2. Send outside any transaction, so that no retry of the database work can send a digest twice.
        var results = mailer.Configured ? await mailer.SendAsync([.. messages.Select(c => c.Message)], ct) : [.. messages.Select(_ => (string?)null)];

        // 3. Record what went out.
        var sent = 0;
        if (mailer.Configured)
        {
            var delivered = messages.Where((_, i) => results[i] is null).Select(c => c.Id).ToArray();
            sent = delivered.Length;
            await db.ReminderDeliveries.Where(d => d.Day == day && delivered.Contains(d.UserId)).ExecuteUpdateAsync(s => s.SetProperty(d => d.Sent, true), ct);
            for (var i = 0; i < messages.Count; i++)
            {
                if (results[i] is not { } error) continue;
                var (userId, text) = (messages[i].Id, error[..Math.Min(error.Length, 1000)]);
                await db.ReminderDeliveries.Where(d => d.Day == day && d.UserId == userId).ExecuteUpdateAsync(s => s.SetProperty(d => d.Error, text), ct);
            }

            await db.ReminderRuns.Where(r => r.Day == day).ExecuteUpdateAsync(s => s.SetProperty(r => r.EmailsSent, sent), ct);
        }

        logger.LogInformation("Reminders for {Day}: {People} people with due check-ins, {Digests} digests, {Sent} emails sent", day, people, messages.Count, sent);
        return new ReminderOutcome(true, people, sent);
    }
}
