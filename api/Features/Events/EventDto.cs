using System.Text.Json;
using Okr.Api.Domain;

namespace Okr.Api.Features.Events;

/// <summary>
/// One change, as GET /events lists it and webhooks receive it (docs/events.md).
/// </summary>
/// <param name="Id">Identifier; also the webhook-id header of its deliveries, so receivers deduplicate by it.</param>
/// <param name="Sequence">Global and increasing in commit order within a transaction; it may have gaps (rolled-back writes leave them), so never expect the next number.</param>
/// <param name="Type">What happened, e.g. "objective.created", "key_result.status_changed", "check_in.created".</param>
/// <param name="OccurredAt">When the change was made (UTC).</param>
/// <param name="Actor">Who made it: a person or an API client; both null for Okr itself (a period's clock moving a status).</param>
/// <param name="Subject">What it is about.</param>
/// <param name="Data">The subject as GET shows it at that moment, without the caller-specific permissions; for deletions its id and last version; key_result.status_changed adds previousStatus.</param>
public sealed record EventDto(Guid Id, long Sequence, string Type, DateTimeOffset OccurredAt, EventActorDto Actor, EventSubjectDto Subject, JsonElement Data)
{
    public static EventDto From(ChangeEvent e)
    {
        using var data = JsonDocument.Parse(e.Data);
        return new EventDto(e.Id, e.Sequence, e.Type, e.OccurredAt, new EventActorDto(e.ActorUserId, e.ActorClientId), new EventSubjectDto(e.SubjectType, e.SubjectId), data.RootElement.Clone());
    }
}

/// <summary>Who made a change.</summary>
/// <param name="UserId">The person; null when an API client or Okr itself did it.</param>
/// <param name="ApiClientId">The API client; null when a person or Okr itself did it.</param>
public sealed record EventActorDto(Guid? UserId, Guid? ApiClientId);

/// <summary>What an event is about.</summary>
/// <param name="Type">objective, key_result, check_in, period, team, user, conversation, import, or webhook (a ping).</param>
/// <param name="Id">Its id.</param>
public sealed record EventSubjectDto(string Type, Guid Id);

/// <summary>A page of events, oldest first.</summary>
/// <param name="Items">The events after the cursor, in the stream's order.</param>
/// <param name="NextCursor">Send it as after= to read on: the position after the last item (the same cursor when there was nothing new). Opaque.</param>
public sealed record EventPageDto(IReadOnlyList<EventDto> Items, string NextCursor);
