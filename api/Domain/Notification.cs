namespace Okr.Api.Domain;

/// <summary>
/// What a notification is about (docs/notifications.md, "Kinds"): each person chooses per kind where it reaches them.
/// </summary>
public enum NotificationKind
{
    /// <summary>Your check-ins are due (the daily run, from the cycle's due rule).</summary>
    CheckInDue,

    /// <summary>A key result you own or lead, or its objective, went behind or at risk.</summary>
    StatusChanged,

    /// <summary>Someone aligned an objective to yours.</summary>
    Aligned,

    /// <summary>Someone mentioned you in a comment.</summary>
    Mentioned,

    /// <summary>Someone commented on an objective or key result you own or lead.</summary>
    Commented,

    /// <summary>Someone scheduled a 1:1 with you.</summary>
    ConversationScheduled,

    /// <summary>Your 1:1 is within a day: its packet is ready to read.</summary>
    PacketReady,

    /// <summary>A period you take part in closed.</summary>
    PeriodClosed,
}

/// <summary>Whether and when a kind reaches a person by email: never, at once, or in the next daily digest.</summary>
public enum EmailDelivery { Off, Immediately, Daily }

/// <summary>
/// One item of a person's inbox, made from an event (or the daily run) by the rules of docs/notifications.md, in the same
/// transaction as the event itself. <see cref="Key"/> makes it happen once per person: one per event and kind, one due
/// reminder per day, one packet notice per conversation.
/// </summary>
public sealed class Notification
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid UserId { get; init; }
    public NotificationKind Kind { get; init; }

    /// <summary>Unique per person: "event:{eventId}", "due:{day}", "packet:{conversationId}".</summary>
    public required string Key { get; init; }

    /// <summary>One sentence saying what happened ("Ana mentioned you on “Grow revenue”").</summary>
    public required string Title { get; init; }

    /// <summary>More words: the comment's start, the status, the due key results.</summary>
    public string? Body { get; init; }

    /// <summary>Where it leads in the web app (a path: "/objectives/{id}").</summary>
    public required string Link { get; init; }

    public Guid? ObjectiveId { get; init; }
    public Guid? KeyResultId { get; init; }
    public Guid? ConversationId { get; init; }

    /// <summary>The comment it is about (mentioned, commented): deleting the comment deletes its notifications.</summary>
    public Guid? CommentId { get; init; }

    /// <summary>Who did it; null for the clock (due, status moved by time) and integrations.</summary>
    public Guid? ActorUserId { get; init; }
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>Shown in the inbox (the person's setting for the kind).</summary>
    public bool InApp { get; init; }
    public DateTimeOffset? ReadAt { get; set; }

    /// <summary>Whether it goes out by email, and when (the setting at the moment it was made).</summary>
    public EmailDelivery Email { get; init; }

    /// <summary>When the email (or the daily digest it was in) went out.</summary>
    public DateTimeOffset? EmailedAt { get; set; }
}

/// <summary>
/// A person's choices (docs/notifications.md, "Settings"): per kind in app, email and chat; the weekly digest. Only what
/// differs from the defaults is stored (<see cref="Kinds"/> as JSON), so new kinds start with their defaults.
/// </summary>
public sealed class NotificationSettings
{
    public Guid UserId { get; init; }

    /// <summary>JSON: {"mentioned": {"inApp": true, "email": "immediately", "chat": false}, …}.</summary>
    public string Kinds { get; set; } = "{}";

    public bool WeeklyDigest { get; set; } = true;
    public DateTimeOffset ModifiedAt { get; set; }
}

/// <summary>The chat products whose incoming webhooks Okr posts to: Slack (Block Kit) and Microsoft Teams (Adaptive Card).</summary>
public enum ChatKind { Slack, Teams }

/// <summary>
/// An incoming-webhook URL of Slack or Microsoft Teams that Okr posts to: a team's channel (status changes, the weekly
/// due summary, period events), or a person's own (their notifications with chat on). The URL is a secret (whoever has it
/// posts into the channel): stored encrypted, shown only as its host.
/// </summary>
public sealed class ChatChannel : IAudited
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    /// <summary>The team whose channel it is; null for a person's own.</summary>
    public Guid? TeamId { get; init; }

    /// <summary>The person whose own channel it is; null for a team's.</summary>
    public Guid? UserId { get; init; }
    public ChatKind Kind { get; init; }

    /// <summary>The incoming-webhook URL, encrypted (ASP.NET Core Data Protection).</summary>
    public required string UrlProtected { get; init; }

    /// <summary>The URL's host, to show which workspace it posts to.</summary>
    public required string Host { get; init; }

    /// <summary>A name for people ("#sales on Slack").</summary>
    public string? Description { get; set; }

    /// <summary>The last post's outcome: when it went out, or why it did not.</summary>
    public DateTimeOffset? LastPostedAt { get; set; }
    public string? LastError { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public Guid? CreatedBy { get; set; }
    public DateTimeOffset ModifiedAt { get; set; }
    public Guid? ModifiedBy { get; set; }
    public uint Version { get; set; }
}

/// <summary>One message on its way to a chat channel: the payload is made when its event commits, and sent after.</summary>
public sealed class ChatMessage
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid ChannelId { get; init; }

    /// <summary>The JSON posted (Block Kit or an Adaptive Card message).</summary>
    public required string Payload { get; init; }

    /// <summary>The message in one line, for the log.</summary>
    public required string Summary { get; init; }
    public DeliveryStatus Status { get; set; } = DeliveryStatus.Pending;
    public int Attempts { get; set; }
    public DateTimeOffset NextAttemptAt { get; set; }
    public DateTimeOffset? ClaimedUntil { get; set; }
    public string? LastError { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? SentAt { get; set; }
}

/// <summary>One week's digest run (the Monday it was for): it happens once, however many API instances run.</summary>
public sealed class DigestRun
{
    public DateOnly Week { get; init; }
    public DateTimeOffset RanAt { get; init; }
    public int People { get; init; }
    public int EmailsSent { get; set; }
}
