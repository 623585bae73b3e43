using Microsoft.EntityFrameworkCore;
using Okr.Api.Domain;
using Okr.Api.Features.Cycle;
using Okr.Api.Infrastructure.Email;
using Okr.Api.Infrastructure.Persistence;

namespace Okr.Api.Features.Notifications;

/// <summary>
/// The daily run's part (inside <see cref="Reminders.DailyReminders"/>' claimed transaction, so a day happens once):
/// one check_in_due notification per person with due check-ins, one packet_ready per participant of a 1:1 in the next
/// 24 hours, and the morning digest of everything waiting for the daily email.
/// </summary>
public sealed class DailyNotifications(OkrDbContext db, NotificationPreferences preferences, ChatOutbox chat, Mailer mailer)
{
    /// <summary>Makes the day's notifications and claims the digests to send: who, and the message.</summary>
    public async Task<List<(Guid UserId, MailMessage Message, int DueCount)>> RunAsync(DateOnly day, DateTimeOffset now, Dictionary<Guid, List<DueCheckInDto>> due, string appUrl, CancellationToken ct)
    {
        var soon = await db.Conversations.AsNoTracking()
            .Where(c => c.State == ConversationState.Scheduled && c.ScheduledAt > now && c.ScheduledAt <= now.AddDays(1))
            .Select(c => new { c.Id, c.Title, c.ScheduledAt, c.EmployeeId, c.ManagerId }).ToListAsync(ct);
        var candidates = due.Select(d => (UserId: d.Key, Kind: NotificationKind.CheckInDue, Key: $"due:{day:yyyy-MM-dd}",
                Title: d.Value.Count == 1 ? "1 check-in is due" : $"{d.Value.Count} check-ins are due",
                Body: (string?)(string.Join(", ", d.Value.Take(5).Select(i => $"“{i.Title}”")) + (d.Value.Count > 5 ? $" and {d.Value.Count - 5} more" : "")),
                Link: "/", ConversationId: (Guid?)null))
            .Concat(soon.SelectMany(c => new[] { c.EmployeeId, c.ManagerId }.Select(person => (UserId: person, Kind: NotificationKind.PacketReady, Key: $"packet:{c.Id}",
                Title: $"Your 1:1 “{c.Title}” is at {c.ScheduledAt.UtcDateTime:HH:mm} UTC on {c.ScheduledAt.UtcDateTime:ddd d MMM}: its packet is ready",
                Body: (string?)"What changed in the OKRs since the last 1:1, due check-ins and open action items.", Link: $"/conversations/{c.Id}", ConversationId: (Guid?)c.Id))))
            .ToList();

        var people = candidates.Select(c => c.UserId).Distinct().ToArray();
        var active = (await db.Users.AsNoTracking().Where(u => people.Contains(u.Id) && u.Active).Select(u => u.Id).ToListAsync(ct)).ToHashSet();
        var keys = candidates.Select(c => c.Key).Distinct().ToArray();
        var existing = (await db.Notifications.AsNoTracking().Where(n => people.Contains(n.UserId) && keys.Contains(n.Key)).Select(n => new { n.UserId, n.Key }).ToListAsync(ct))
            .Select(n => (n.UserId, n.Key)).ToHashSet();
        var choices = await preferences.ForAsync(active, ct);
        var posts = new List<(Guid, ChatText)>();
        foreach (var c in candidates)
        {
            if (!active.Contains(c.UserId) || existing.Contains((c.UserId, c.Key))) continue;
            var choice = choices[c.UserId].Kinds[c.Kind];
            if (choice.Off) continue;
            // Due check-ins are worked out once a day: "immediately" is this morning's digest too.
            // Without a mail server nothing waits to be emailed later; this morning's digest is still made (and recorded as not sent).
            var email = c.Kind == NotificationKind.CheckInDue && choice.Email == EmailDelivery.Immediately ? EmailDelivery.Daily : choice.Email;
            if (!mailer.Configured && email == EmailDelivery.Immediately) email = EmailDelivery.Off;
            db.Notifications.Add(new Notification
            {
                UserId = c.UserId, Kind = c.Kind, Key = c.Key, Title = c.Title, Body = c.Body, Link = c.Link, ConversationId = c.ConversationId,
                CreatedAt = now, InApp = choice.InApp, Email = email,
            });
            if (choice.Chat) posts.Add((c.UserId, new ChatText(c.Title, c.Body, c.Link)));
        }

        await chat.ToPeopleAsync(posts, ct);
        await db.SaveChangesAsync(ct);

        // The digest: everything waiting for the daily email, by person; claimed now (emailed_at), sent after the commit.
        var waiting = await db.Notifications.Where(n => n.Email == EmailDelivery.Daily && n.EmailedAt == null && n.CreatedAt <= now)
            .OrderBy(n => n.CreatedAt).ToListAsync(ct);
        var ids = waiting.Select(n => n.UserId).Distinct().ToArray();
        var users = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id) && u.Active).ToDictionaryAsync(u => u.Id, u => (u.DisplayName, u.Email), ct);
        var digests = new List<(Guid, MailMessage, int)>();
        foreach (var person in waiting.GroupBy(n => n.UserId))
        {
            foreach (var n in person) n.EmailedAt = now;
            if (!users.TryGetValue(person.Key, out var user)) continue;
            var dueItems = person.Any(n => n.Kind == NotificationKind.CheckInDue) ? due.GetValueOrDefault(person.Key) ?? [] : [];
            var others = person.Where(n => n.Kind != NotificationKind.CheckInDue).ToList();
            if (dueItems.Count == 0 && others.Count == 0) continue;
            digests.Add((person.Key, NotificationEmails.Daily(user.DisplayName, user.Email, dueItems, others, appUrl), dueItems.Count));
        }

        await db.SaveChangesAsync(ct);
        return digests;
    }
}
