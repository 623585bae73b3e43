using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Okr.Api.Domain;
using Okr.Api.Features.Cycle;
using Okr.Api.Features.Objectives;
using Okr.Api.Features.Reminders;
using Okr.Api.Infrastructure.Auth;
using Okr.Api.Infrastructure.Email;
using Okr.Api.Infrastructure.Persistence;

namespace Okr.Api.Features.Notifications;

/// <summary>What a weekly run did.</summary>
/// <param name="Ran">True when this call did the week's run (false: done already, or another instance is doing it).</param>
/// <param name="People">People a digest was written for.</param>
/// <param name="EmailsSent">Digests the mail server accepted.</param>
/// <param name="ChatPosts">Weekly summaries queued for team chat channels.</param>
public sealed record DigestOutcome(bool Ran, int People, int EmailsSent, int ChatPosts);

/// <summary>
/// The weekly digest (docs/notifications.md, "Digest"): per person who wants it, their objectives with progress and
/// status, their teams' objectives that need attention (behind or at risk), their due check-ins and what they were told
/// during the week; and per team chat channel, the team's due check-ins. The numbers come from the readers the app uses
/// (<see cref="ObjectiveReader"/>, <see cref="DueCheckIns"/>), so the email says what the app shows. A week is done once
/// across instances: an advisory lock and the week's record (digest_runs), committed before anything is sent.
/// </summary>
public sealed class WeeklyDigest(OkrDbContext db, DueCheckIns due, ChatOutbox chat, Mailer mailer, IOptions<ReminderOptions> reminders, TimeProvider clock, ILogger<WeeklyDigest> logger)
{
    private const long LockKey = 0x6f6b725f776b6c; // "okr_wkl"

    /// <summary>An admin's view for the digest's reads: the digest itself decides what each person is shown.</summary>
    private sealed class DigestReader : ICurrentUser
    {
        public Guid Id => Guid.Empty;
        public bool IsClient => false;
        public OrgRole Role => OrgRole.Admin;
        public ClientScope? Scope => null;
    }

    public async Task<DigestOutcome> RunAsync(DateOnly week, CancellationToken ct)
    {
        var strategy = db.Database.CreateExecutionStrategy();
        var claim = await strategy.ExecuteAsync(async token =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(token);
            var locked = await db.Database.SqlQuery<bool>($"SELECT pg_try_advisory_xact_lock({LockKey}) AS \"Value\"").SingleAsync(token);
            if (!locked || await db.DigestRuns.AnyAsync(r => r.Week == week, token)) return ((List<MailMessage> Mail, int Posts)?)null;

            var now = clock.GetUtcNow();
            var mail = await DigestsAsync(now, token);
            var posts = await TeamSummariesAsync(token);
            db.DigestRuns.Add(new DigestRun { Week = week, RanAt = now, People = mail.Count });
            await db.SaveChangesAsync(token);
            await transaction.CommitAsync(token);
            return (mail, posts);
        }, ct);
        if (claim is not { Mail: var messages, Posts: var chatPosts }) return new DigestOutcome(false, 0, 0, 0);

        var sent = 0;
        if (mailer.Configured && messages.Count > 0)
        {
            var results = await mailer.SendAsync(messages, ct);
            sent = results.Count(r => r is null);
            await db.DigestRuns.Where(r => r.Week == week).ExecuteUpdateAsync(s => s.SetProperty(r => r.EmailsSent, sent), ct);
        }

        logger.LogInformation("Weekly digest for {Week}: {People} digests, {Sent} emails sent, {Posts} chat summaries", week, messages.Count, sent, chatPosts);
        return new DigestOutcome(true, messages.Count, sent, chatPosts);
    }

    private async Task<List<MailMessage>> DigestsAsync(DateTimeOffset now, CancellationToken ct)
    {
        var people = await db.Users.AsNoTracking().Where(u => u.Active && !db.NotificationSettings.Any(s => s.UserId == u.Id && !s.WeeklyDigest))
            .Select(u => new { u.Id, u.DisplayName, u.Email, Teams = db.TeamMemberships.Where(m => m.UserId == u.Id).Select(m => m.TeamId).ToList() })
            .ToListAsync(ct);
        if (people.Count == 0) return [];

        // Every active objective of an active period, once, through the app's reader.
        var current = await db.Objectives.AsNoTracking()
            .Where(o => o.State == ObjectiveState.Active && db.Periods.Any(p => p.Id == o.PeriodId && p.State == PeriodState.Active))
            .Select(o => new { o.Id, o.TeamId, o.OwnerId, KeyResultOwners = o.KeyResults.Where(k => k.OwnerId != null).Select(k => k.OwnerId!.Value).ToList() })
            .ToListAsync(ct);
        var reader = new ObjectiveReader(db, new AccessPolicy(new DigestReader(), db), clock);
        var objectives = (await reader.ManyAsync([.. current.Select(o => o.Id)], ct)).ToDictionary(o => o.Id);
        var dueByPerson = await due.ByPersonAsync(now, ct);
        var weekAgo = now.AddDays(-7);
        var told = (await db.Notifications.AsNoTracking().Where(n => n.CreatedAt > weekAgo).OrderByDescending(n => n.CreatedAt)
            .Select(n => new { n.UserId, n.Title, n.Link }).ToListAsync(ct)).ToLookup(n => n.UserId);

        var app = reminders.Value.AppUrl.TrimEnd('/');
        var messages = new List<MailMessage>();
        foreach (var person in people)
        {
            var mine = current.Where(o => o.OwnerId == person.Id || o.KeyResultOwners.Contains(person.Id)).Select(o => objectives[o.Id]).ToList();
            var attention = current.Where(o => o.OwnerId is null && person.Teams.Contains(o.TeamId)).Select(o => objectives[o.Id])
                .Where(o => o.Status is Status.Behind or Status.AtRisk).ToList();
            var dueItems = dueByPerson.GetValueOrDefault(person.Id) ?? [];
            var changes = told[person.Id].Take(10).ToList();
            if (mine.Count == 0 && attention.Count == 0 && dueItems.Count == 0 && changes.Count == 0) continue;

            var text = new StringBuilder($"Hello {person.DisplayName},\n\nyour week in Okr.\n");
            var html = new StringBuilder($"<p>Hello {WebUtility.HtmlEncode(person.DisplayName)},</p><p>your week in Okr.</p>");
            void Section(string heading, IEnumerable<(string Line, string Link)> lines)
            {
                var list = lines.ToList();
                if (list.Count == 0) return;
                text.Append($"\n{heading}\n");
                html.Append($"<h3>{WebUtility.HtmlEncode(heading)}</h3><ul>");
                foreach (var (line, link) in list)
                {
                    text.Append($"- {line}\n  {app}{link}\n");
                    html.Append($"<li><a href=\"{WebUtility.HtmlEncode(app + link)}\">{WebUtility.HtmlEncode(line)}</a></li>");
                }

                html.Append("</ul>");
            }

            Section("Your OKRs", mine.Select(o => ($"{o.Title}: {Percent(o.Progress)}, {Words(o.Status)}", $"/objectives/{o.Id}")));
            Section("Due check-ins", dueItems.Select(d => ($"{d.Title} ({d.ObjectiveTitle}): {(d.DaysOverdue == 0 ? "due today" : d.DaysOverdue == 1 ? "1 day overdue" : $"{d.DaysOverdue} days overdue")}", $"/objectives/{d.ObjectiveId}")));
            Section("Needs attention in your teams", attention.Select(o => ($"{o.Title}: {Percent(o.Progress)}, {Words(o.Status)}", $"/objectives/{o.Id}")));
            Section("What happened this week", changes.Select(c => (c.Title, c.Link)));
            text.Append($"\nOpen Okr: {app}/ · Stop this email: {app}/account\n");
            html.Append($"<p><a href=\"{WebUtility.HtmlEncode(app)}/\">Open Okr</a> · <small><a href=\"{WebUtility.HtmlEncode(app)}/account\">Stop this email</a></small></p>");
            var subject = dueItems.Count > 0 ? $"Your week in Okr: {dueItems.Count} check-in{(dueItems.Count == 1 ? "" : "s")} due" : "Your week in Okr";
            messages.Add(new MailMessage(person.DisplayName, person.Email, subject, text.ToString(), html.ToString()));
        }

        return messages;
    }

    /// <summary>Each team channel gets the team's due check-ins (most overdue first, as the team's due list shows them).</summary>
    private async Task<int> TeamSummariesAsync(CancellationToken ct)
    {
        var channels = await db.ChatChannels.AsNoTracking().Where(c => c.TeamId != null)
            .Join(db.Teams.Where(t => !t.Archived), c => c.TeamId, t => t.Id, (c, t) => new { c.Id, c.Kind, TeamId = t.Id, t.Name }).ToListAsync(ct);
        foreach (var channel in channels)
        {
            var (items, total) = await due.PageAsync(null, channel.TeamId, 1, 10, ct);
            var title = total == 0 ? $"{channel.Name}: no check-ins are due this week" : $"{channel.Name}: {total} check-in{(total == 1 ? " is" : "s are")} due";
            chat.Add(channel.Id, channel.Kind, new ChatText(title, total > 10 ? $"The 10 most overdue of {total}:" : null, $"/teams/{channel.TeamId}",
                [.. items.Select(i => $"{i.Title} ({i.ObjectiveTitle}): {(i.DaysOverdue == 0 ? "due today" : $"{i.DaysOverdue} days overdue")}")]));
        }

        return channels.Count;
    }

    private static string Percent(decimal progress) => $"{Math.Round(progress * 100, MidpointRounding.AwayFromZero):0}%";

    private static string Words(Status status) => status switch
    {
        Status.AtRisk => "at risk", Status.OnTrack => "on track", Status.NotStarted => "not started",
        _ => status.ToString().ToLowerInvariant(),
    };
}
