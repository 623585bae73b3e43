using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Okr.Api.Domain;
using Okr.Api.Features.Reminders;
using Okr.Api.Infrastructure.Persistence;

namespace Okr.Api.Features.Notifications;

/// <summary>A chat message before it is shaped for a product: a title, a few words, a link into the app (a path), optional lines.</summary>
/// <param name="Title">One line, bold.</param>
/// <param name="Body">More words, or null.</param>
/// <param name="Link">A path in the web app ("/objectives/…").</param>
/// <param name="Lines">A list under the text (the weekly summary's due key results).</param>
public sealed record ChatText(string Title, string? Body, string Link, IReadOnlyList<string>? Lines = null);

/// <summary>Incoming-webhook URLs are secrets (whoever has one posts into the channel): encrypted with Data Protection like webhook secrets.</summary>
public sealed class ChatChannelUrls(IDataProtectionProvider provider)
{
    private readonly IDataProtector _protector = provider.CreateProtector("Okr.ChatChannels.Url.v1");

    public string Protect(string url) => _protector.Protect(url);

    public string Unprotect(string protectedUrl) => _protector.Unprotect(protectedUrl);
}

/// <summary>
/// The payloads Slack and Microsoft Teams document for incoming webhooks: Slack's Block Kit (a section in mrkdwn and a
/// button, with <c>text</c> as the notification's fallback: docs.slack.dev "Sending messages using incoming webhooks")
/// and a Teams message carrying an Adaptive Card 1.4 (learn.microsoft.com "Create incoming webhooks", "Adaptive Card format").
/// </summary>
public static class ChatPayloads
{
    public static string For(ChatKind kind, ChatText text, string appUrl)
    {
        var link = appUrl.TrimEnd('/') + text.Link;
        return (kind == ChatKind.Slack ? Slack(text, link) : Teams(text, link)).ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    }

    private static JsonObject Slack(ChatText text, string link)
    {
        var body = $"*{Escape(text.Title)}*";
        if (text.Body is { } b) body += "\n" + Escape(b);
        if (text.Lines is { Count: > 0 } lines) body += "\n" + string.Join("\n", lines.Select(l => "• " + Escape(l)));
        return new JsonObject
        {
            ["text"] = text.Title,
            ["blocks"] = new JsonArray(
                new JsonObject { ["type"] = "section", ["text"] = new JsonObject { ["type"] = "mrkdwn", ["text"] = body } },
                new JsonObject
                {
                    ["type"] = "actions",
                    ["elements"] = new JsonArray(new JsonObject
                    {
                        ["type"] = "button", ["text"] = new JsonObject { ["type"] = "plain_text", ["text"] = "Open in Okr" }, ["url"] = link,
                    }),
                }),
        };
    }

    private static JsonObject Teams(ChatText text, string link)
    {
        var blocks = new JsonArray(new JsonObject { ["type"] = "TextBlock", ["text"] = text.Title, ["weight"] = "Bolder", ["size"] = "Medium", ["wrap"] = true });
        if (text.Body is { } b) blocks.Add(new JsonObject { ["type"] = "TextBlock", ["text"] = b, ["wrap"] = true });
        if (text.Lines is { Count: > 0 } lines) blocks.Add(new JsonObject { ["type"] = "TextBlock", ["text"] = string.Join("\n", lines.Select(l => "- " + l)), ["wrap"] = true });
        return new JsonObject
        {
            ["type"] = "message",
            ["attachments"] = new JsonArray(new JsonObject
            {
                ["contentType"] = "application/vnd.microsoft.card.adaptive",
                ["contentUrl"] = null,
                ["content"] = new JsonObject
                {
                    ["$schema"] = "http://adaptivecards.io/schemas/adaptive-card.json",
                    ["type"] = "AdaptiveCard",
                    ["version"] = "1.4",
                    ["body"] = blocks,
                    ["actions"] = new JsonArray(new JsonObject { ["type"] = "Action.OpenUrl", ["title"] = "Open in Okr", ["url"] = link }),
                },
            }),
        };
    }

    /// <summary>Slack's mrkdwn reads &amp;, &lt; and &gt; as control characters: a title like "&lt;!channel&gt;" must not ping anyone.</summary>
    private static string Escape(string text) => text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);
}

/// <summary>
/// Queues chat messages in the caller's transaction (so a message exists exactly when the change behind it committed);
/// <see cref="ChatWorker"/> posts them.
/// </summary>
public sealed class ChatOutbox(OkrDbContext db, IOptions<ReminderOptions> reminders, TimeProvider clock)
{
    public async Task ToTeamsAsync(IReadOnlyCollection<(Guid TeamId, ChatText Text)> posts, CancellationToken ct)
    {
        if (posts.Count == 0) return;
        var teams = posts.Select(p => p.TeamId).Distinct().ToArray();
        var channels = await db.ChatChannels.AsNoTracking().Where(c => c.TeamId != null && teams.Contains(c.TeamId.Value) && db.Teams.Any(t => t.Id == c.TeamId && !t.Archived)).Select(c => new { c.Id, TeamId = c.TeamId!.Value, c.Kind }).ToListAsync(ct);
        foreach (var (teamId, text) in posts)
        {
            foreach (var channel in channels.Where(c => c.TeamId == teamId)) Add(channel.Id, channel.Kind, text);
        }
    }

    public async Task ToEveryTeamAsync(ChatText text, CancellationToken ct)
    {
        var channels = await db.ChatChannels.AsNoTracking().Where(c => c.TeamId != null && db.Teams.Any(t => t.Id == c.TeamId && !t.Archived)).Select(c => new { c.Id, c.Kind }).ToListAsync(ct);
        foreach (var channel in channels) Add(channel.Id, channel.Kind, text);
    }

    public async Task ToPeopleAsync(IReadOnlyCollection<(Guid UserId, ChatText Text)> posts, CancellationToken ct)
    {
        if (posts.Count == 0) return;
        var people = posts.Select(p => p.UserId).Distinct().ToArray();
        var channels = await db.ChatChannels.AsNoTracking().Where(c => c.UserId != null && people.Contains(c.UserId.Value)).ToDictionaryAsync(c => c.UserId!.Value, c => (c.Id, c.Kind), ct);
        foreach (var (userId, text) in posts)
        {
            if (channels.TryGetValue(userId, out var channel)) Add(channel.Id, channel.Kind, text);
        }
    }

    /// <summary>One message to one channel (a test post, the weekly summary).</summary>
    public Guid Add(Guid channelId, ChatKind kind, ChatText text)
    {
        var now = clock.GetUtcNow();
        var message = new ChatMessage
        {
            ChannelId = channelId, Payload = ChatPayloads.For(kind, text, reminders.Value.AppUrl), Summary = text.Title.Length > 500 ? text.Title[..499] + "…" : text.Title,
            CreatedAt = now, NextAttemptAt = now,
        };
        db.ChatMessages.Add(message);
        return message.Id;
    }
}
