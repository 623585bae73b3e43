using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Okr.Api.Domain;
using Okr.Api.Infrastructure.Persistence;

namespace Okr.Api.Features.Notifications;

/// <summary>Where one kind reaches a person.</summary>
/// <param name="InApp">In the inbox (and the bell's count).</param>
/// <param name="Email">By email: off, immediately, or in the daily digest.</param>
/// <param name="Chat">In the person's own chat channel (when they connected one).</param>
public sealed record KindChoice(bool InApp, EmailDelivery Email, bool Chat)
{
    /// <summary>Reaches the person nowhere: no notification is made.</summary>
    [JsonIgnore]
    public bool Off => !InApp && Email == EmailDelivery.Off && !Chat;
}

/// <summary>
/// The defaults (docs/notifications.md, "Settings") and each person's choices over them. What someone is told to act
/// on soon (mentions, 1:1s) is emailed at once; what can wait (due check-ins, status, comments) goes in the daily
/// digest; the rest only in the app. Chat is off until a person connects their own channel and turns it on per kind.
/// </summary>
public sealed class NotificationPreferences(OkrDbContext db)
{
    public static readonly IReadOnlyDictionary<NotificationKind, KindChoice> Defaults = new Dictionary<NotificationKind, KindChoice>
    {
        [NotificationKind.CheckInDue] = new(true, EmailDelivery.Daily, false),
        [NotificationKind.StatusChanged] = new(true, EmailDelivery.Daily, false),
        [NotificationKind.Aligned] = new(true, EmailDelivery.Off, false),
        [NotificationKind.Mentioned] = new(true, EmailDelivery.Immediately, false),
        [NotificationKind.Commented] = new(true, EmailDelivery.Daily, false),
        [NotificationKind.ConversationScheduled] = new(true, EmailDelivery.Immediately, false),
        [NotificationKind.PacketReady] = new(true, EmailDelivery.Off, false),
        [NotificationKind.PeriodClosed] = new(true, EmailDelivery.Off, false),
    };

    private static readonly JsonSerializerOptions Json = CreateJson();

    /// <summary>Every kind's choice for each of <paramref name="people"/> (defaults where they chose nothing), and who wants the weekly digest.</summary>
    public async Task<Dictionary<Guid, PersonChoices>> ForAsync(IReadOnlyCollection<Guid> people, CancellationToken ct)
    {
        var ids = people.Distinct().ToArray();
        var stored = await db.NotificationSettings.AsNoTracking().Where(s => ids.Contains(s.UserId)).ToDictionaryAsync(s => s.UserId, ct);
        var channels = await db.ChatChannels.AsNoTracking().Where(c => c.UserId != null && ids.Contains(c.UserId.Value)).Select(c => c.UserId!.Value).ToListAsync(ct);
        return ids.ToDictionary(id => id, id => stored.TryGetValue(id, out var s)
            ? new PersonChoices(Merge(Parse(s.Kinds)), s.WeeklyDigest, channels.Contains(id))
            : new PersonChoices(Defaults, true, channels.Contains(id)));
    }

    public static Dictionary<NotificationKind, KindChoice> Parse(string json) =>
        JsonSerializer.Deserialize<Dictionary<NotificationKind, KindChoice>>(json, Json) ?? [];

    public static string Serialize(IReadOnlyDictionary<NotificationKind, KindChoice> changed) => JsonSerializer.Serialize(changed, Json);

    public static IReadOnlyDictionary<NotificationKind, KindChoice> Merge(IReadOnlyDictionary<NotificationKind, KindChoice> stored) =>
        Defaults.ToDictionary(d => d.Key, d => stored.GetValueOrDefault(d.Key, d.Value));

    private static JsonSerializerOptions CreateJson()
    {
        var options = new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower));
        return options;
    }
}

/// <summary>One person's choices.</summary>
/// <param name="Kinds">Per kind, where it reaches them.</param>
/// <param name="WeeklyDigest">Whether the weekly digest email comes.</param>
/// <param name="HasChat">Whether they connected a chat channel of their own.</param>
public sealed record PersonChoices(IReadOnlyDictionary<NotificationKind, KindChoice> Kinds, bool WeeklyDigest, bool HasChat);
