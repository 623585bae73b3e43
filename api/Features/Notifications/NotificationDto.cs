using Okr.Api.Domain;
using Okr.Api.Infrastructure.Http;

namespace Okr.Api.Features.Notifications;

/// <summary>One item of your inbox.</summary>
/// <param name="Id">Its id.</param>
/// <param name="Kind">What it is about (check_in_due, status_changed, aligned, mentioned, commented, conversation_scheduled, packet_ready, period_closed).</param>
/// <param name="Title">One sentence saying what happened.</param>
/// <param name="Body">More words (the comment's start, the due key results); null when the title says it all.</param>
/// <param name="Link">Where it leads in the web app: a path such as "/objectives/{id}".</param>
/// <param name="ObjectiveId">The objective it is about, if any.</param>
/// <param name="KeyResultId">The key result it is about, if any.</param>
/// <param name="ConversationId">The 1:1 it is about, if any.</param>
/// <param name="ActorUserId">Who did it; null for the clock (due check-ins, a status the calendar moved) and integrations.</param>
/// <param name="CreatedAt">When it happened.</param>
/// <param name="ReadAt">When you read it; null while unread.</param>
public sealed record NotificationDto(
    Guid Id, NotificationKind Kind, string Title, string? Body, string Link, Guid? ObjectiveId, Guid? KeyResultId, Guid? ConversationId,
    Guid? ActorUserId, DateTimeOffset CreatedAt, DateTimeOffset? ReadAt);

/// <summary>How many notifications of your inbox are unread (the bell's number).</summary>
/// <param name="Count">0 or more.</param>
public sealed record UnreadCountDto(int Count);

/// <summary>What marking everything read did.</summary>
/// <param name="Marked">How many were unread and are read now.</param>
public sealed record MarkedDto(int Marked);

/// <summary>Where one kind reaches you.</summary>
/// <param name="Kind">The kind.</param>
/// <param name="InApp">In your inbox.</param>
/// <param name="Email">By email: off, immediately, or daily (in the morning digest).</param>
/// <param name="Chat">In your own chat channel (needs one: see chat).</param>
public sealed record KindSettingDto(NotificationKind Kind, bool InApp, EmailDelivery Email, bool Chat);

/// <summary>Your own chat channel, shown by its host only (the URL is a secret).</summary>
/// <param name="Kind">slack or teams.</param>
/// <param name="Host">The incoming webhook's host ("hooks.slack.com").</param>
public sealed record PersonalChatDto(ChatKind Kind, string Host);

/// <summary>Your notification settings: every kind (defaults where you chose nothing), the weekly digest, your chat channel.</summary>
/// <param name="Kinds">Every kind, in a fixed order.</param>
/// <param name="WeeklyDigest">Whether the Monday email comes (what changed, what is due, what needs attention).</param>
/// <param name="Chat">Your own chat channel; null when none is connected.</param>
public sealed record NotificationSettingsDto(IReadOnlyList<KindSettingDto> Kinds, bool WeeklyDigest, PersonalChatDto? Chat);

/// <summary>A change to one kind; absent fields stay.</summary>
/// <param name="Kind">The kind (400 for an unknown one).</param>
/// <param name="InApp">In your inbox.</param>
/// <param name="Email">off, immediately or daily.</param>
/// <param name="Chat">In your own chat channel (422 without one).</param>
[Infrastructure.OpenApi.OptionalFieldsStayOptional]
public sealed record KindSettingChange(NotificationKind Kind, bool? InApp = null, EmailDelivery? Email = null, bool? Chat = null);

/// <summary>Your own chat channel: a Slack or Microsoft Teams incoming-webhook URL.</summary>
/// <param name="Kind">slack or teams.</param>
/// <param name="Url">The incoming webhook's URL: https (http only for hosts in Okr__Webhooks__AllowedHosts), not a private address, up to 2,048 characters.</param>
public sealed record PersonalChatRequest(ChatKind Kind, string Url);

/// <summary>Changes to your settings; absent fields stay.</summary>
/// <param name="Kinds">Changes per kind (each kind at most once).</param>
/// <param name="WeeklyDigest">Whether the weekly digest comes.</param>
/// <param name="Chat">Connects your own chat channel (replacing the one before); DELETE …/notification-settings/chat disconnects it.</param>
[NotMergePatch] // kinds lists changes per kind; RFC 7396 would replace the list
public sealed record UpdateNotificationSettingsRequest(IReadOnlyList<KindSettingChange>? Kinds = null, bool? WeeklyDigest = null, PersonalChatRequest? Chat = null);

/// <summary>A team's chat channel.</summary>
/// <param name="Id">Its id.</param>
/// <param name="TeamId">The team.</param>
/// <param name="Kind">slack or teams.</param>
/// <param name="Host">The incoming webhook's host (the URL itself is a secret and never shown again).</param>
/// <param name="Description">A name for people ("#sales").</param>
/// <param name="LastPostedAt">When the last message went out; null before the first.</param>
/// <param name="LastError">Why the last message did not go out; null after a success.</param>
/// <param name="CreatedAt">When it was connected.</param>
public sealed record ChatChannelDto(Guid Id, Guid TeamId, ChatKind Kind, string Host, string? Description, DateTimeOffset? LastPostedAt, string? LastError, DateTimeOffset CreatedAt);

/// <summary>A team's new chat channel.</summary>
/// <param name="Kind">slack (Block Kit) or teams (Adaptive Card).</param>
/// <param name="Url">The incoming webhook's URL: https (http only for hosts in Okr__Webhooks__AllowedHosts), not a private address, up to 2,048 characters.</param>
/// <param name="Description">A name for people, up to 120 characters.</param>
public sealed record CreateChatChannelRequest(ChatKind Kind, string Url, string? Description = null);

/// <summary>What a test post did: queued; its outcome shows on the channel (lastPostedAt, lastError).</summary>
/// <param name="MessageId">The queued message.</param>
public sealed record ChatTestDto(Guid MessageId);
