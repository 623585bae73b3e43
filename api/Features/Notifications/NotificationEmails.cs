using System.Net;
using System.Text;
using Okr.Api.Domain;
using Okr.Api.Features.Cycle;
using Okr.Api.Infrastructure.Email;

namespace Okr.Api.Features.Notifications;

/// <summary>The emails notifications make: one at once, or the daily digest (due check-ins first, then what else happened).</summary>
public static class NotificationEmails
{
    public static MailMessage One(string name, string email, Notification n, string appUrl)
    {
        var link = appUrl.TrimEnd('/') + n.Link;
        var text = $"Hello {name},\n\n{n.Title}\n{(n.Body is null ? "" : n.Body + "\n")}\n{link}\n\nChoose what reaches you by email in Okr: {appUrl.TrimEnd('/')}/account\n";
        var html = $"<p>Hello {WebUtility.HtmlEncode(name)},</p><p><strong>{WebUtility.HtmlEncode(n.Title)}</strong></p>"
                   + (n.Body is null ? "" : $"<p>{WebUtility.HtmlEncode(n.Body)}</p>")
                   + $"<p><a href=\"{WebUtility.HtmlEncode(link)}\">Open in Okr</a></p><p><small><a href=\"{WebUtility.HtmlEncode(appUrl.TrimEnd('/'))}/account\">Choose what reaches you by email</a></small></p>";
        return new MailMessage(name, email, n.Title, text, html);
    }

    /// <summary>The morning digest: the due check-ins (as the reminders always listed them), then the day's other notifications.</summary>
    public static MailMessage Daily(string name, string email, IReadOnlyList<DueCheckInDto> due, IReadOnlyList<Notification> others, string appUrl)
    {
        var app = appUrl.TrimEnd('/');
        var subject = due.Count switch
        {
            0 => others.Count == 1 ? "1 update in Okr" : $"{others.Count} updates in Okr",
            1 => "1 check-in is due in Okr",
            _ => $"{due.Count} check-ins are due in Okr",
        };
        if (due.Count > 0 && others.Count > 0) subject += others.Count == 1 ? ", and 1 update" : $", and {others.Count} updates";
        var text = new StringBuilder($"Hello {name},\n\n");
        var html = new StringBuilder($"<p>Hello {WebUtility.HtmlEncode(name)},</p>");
        if (due.Count > 0)
        {
            text.Append("these key results are waiting for your check-in:\n\n");
            html.Append("<p>these key results are waiting for your check-in:</p><ul>");
            foreach (var item in due)
            {
                var link = $"{app}/objectives/{item.ObjectiveId}";
                var overdue = item.DaysOverdue switch { 0 => "due today", 1 => "1 day overdue", var d => $"{d} days overdue" };
                text.Append($"- {item.Title} ({item.ObjectiveTitle}): {overdue}\n  {link}\n");
                html.Append($"<li><a href=\"{WebUtility.HtmlEncode(link)}\">{WebUtility.HtmlEncode(item.Title)}</a> ({WebUtility.HtmlEncode(item.ObjectiveTitle)}): {overdue}</li>");
            }

            text.Append($"\nCheck in on My OKRs: {app}/\n");
            html.Append($"</ul><p><a href=\"{WebUtility.HtmlEncode(app)}/\">Check in on My OKRs</a></p>");
        }

        if (others.Count > 0)
        {
            text.Append(due.Count > 0 ? "\nAlso since yesterday:\n\n" : "since yesterday:\n\n");
            html.Append(due.Count > 0 ? "<p>Also since yesterday:</p><ul>" : "<p>since yesterday:</p><ul>");
            foreach (var n in others)
            {
                var link = app + n.Link;
                text.Append($"- {n.Title}\n  {link}\n");
                html.Append($"<li><a href=\"{WebUtility.HtmlEncode(link)}\">{WebUtility.HtmlEncode(n.Title)}</a></li>");
            }

            html.Append("</ul>");
        }

        text.Append($"\nChoose what reaches you by email: {app}/account\n");
        html.Append($"<p><small><a href=\"{WebUtility.HtmlEncode(app)}/account\">Choose what reaches you by email</a></small></p>");
        return new MailMessage(name, email, subject, text.ToString(), html.ToString());
    }
}
