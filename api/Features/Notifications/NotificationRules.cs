using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Okr.Api.Domain;
using Okr.Api.Infrastructure.Auth;
using Okr.Api.Infrastructure.Persistence;

namespace Okr.Api.Features.Notifications;

/// <summary>
/// Turns events into notifications and chat posts (docs/notifications.md, "Rules"), in the transaction that writes the
/// events: a notification exists exactly when its event does, once per event and person (<see cref="Notification.Key"/>).
/// Nobody is told of their own action, nor of anything they may not read (a draft: <see cref="AccessPolicy.MayRead"/>),
/// nor if they are deactivated. The rules:
/// <list type="bullet">
/// <item>key_result.status_changed to behind or at_risk → the key result's owner, the objective's owner and the team's leads (status_changed); the team's chat channels.</item>
/// <item>objective.status_changed to behind or at_risk → the objective's owner and its team's leads (status_changed); the team's chat channels; not when one of its key results went behind or at risk in the same change (that notice said it).</item>
/// <item>an objective created or moved under a parent → the parent's owner, or its team's leads for a team objective (aligned).</item>
/// <item>comment.created / comment.updated → the people newly mentioned (mentioned); on a new comment also the owners of what it is on — objective owner, key-result owner, the team's leads when the objective has no owner (commented).</item>
/// <item>conversation.scheduled → its participants but whoever scheduled it (conversation_scheduled).</item>
/// <item>period.state_changed to closed → everyone who owns an objective or key result in it and the leads of its teams (period_closed); period openings and closings → every team's chat channels.</item>
/// </list>
/// Due check-ins and ready 1:1 packets come from the daily run (<see cref="Reminders.DailyReminders"/>).
/// </summary>
public sealed class NotificationRules(OkrDbContext db, NotificationPreferences preferences, ChatOutbox chat, Infrastructure.Email.Mailer mailer)
{
    private static readonly HashSet<string> Relevant = ["key_result.status_changed", "objective.status_changed", "objective.created", "objective.updated", "comment.created", "comment.updated", "conversation.scheduled", "period.state_changed"];

    private sealed record Candidate(Guid UserId, NotificationKind Kind, ChangeEvent Event, string Title, string? Body, string Link,
        Guid? ObjectiveId = null, Guid? KeyResultId = null, Guid? ConversationId = null, Guid? VisibleThrough = null, Guid? CommentId = null);

    private sealed record ObjectiveFacts(Guid Id, string Title, Guid TeamId, Guid? OwnerId, ObjectiveState State, Guid PeriodId);

    public async Task ApplyAsync(IReadOnlyList<ChangeEvent> events, IReadOnlyList<PendingChange> changes, CancellationToken ct)
    {
        var relevant = events.Where(e => Relevant.Contains(e.Type)).Select(e => (Event: e, Data: JsonNode.Parse(e.Data)!.AsObject()))
            .Where(r => MayMatter(r.Event, r.Data, changes)).ToList();
        if (relevant.Count == 0) return; // most commands: nothing to tell anyone, and nothing read for it

        // What the rules need to know, read once for the whole command.
        var objectiveIds = new HashSet<Guid>();
        var keyResultIds = new HashSet<Guid>();
        foreach (var (e, data) in relevant)
        {
            if (Id(data, "objectiveId") is { } o) objectiveIds.Add(o);
            if (e.SubjectType == "objective") objectiveIds.Add(e.SubjectId);
            if (Id(data, "parentId") is { } p) objectiveIds.Add(p);
            if (e.SubjectType == "comment" && Id(data, "keyResultId") is { } k) keyResultIds.Add(k);
        }

        var objectives = objectiveIds.Count == 0 ? [] : await db.Objectives.AsNoTracking().Where(o => objectiveIds.Contains(o.Id))
            .Select(o => new ObjectiveFacts(o.Id, o.Title, o.TeamId, o.OwnerId, o.State, o.PeriodId)).ToDictionaryAsync(o => o.Id, ct);
        var keyResults = keyResultIds.Count == 0 ? [] : await db.KeyResults.AsNoTracking().Where(k => keyResultIds.Contains(k.Id))
            .Select(k => new { k.Id, k.Title, k.OwnerId }).ToDictionaryAsync(k => k.Id, ct);
        var closedPeriods = relevant.Where(r => r.Event.Type == "period.state_changed" && Text(r.Data, "state") == "closed").Select(r => r.Event.SubjectId).ToArray();
        var teamIds = objectives.Values.Select(o => o.TeamId).ToHashSet();
        var participants = closedPeriods.Length == 0 ? [] : await PeriodParticipantsAsync(closedPeriods, ct);
        teamIds.UnionWith(participants.SelectMany(p => p.Value.Teams));
        var leads = (await db.TeamMemberships.AsNoTracking().Where(m => teamIds.Contains(m.TeamId) && m.Role == TeamRole.Lead)
            .Select(m => new { m.TeamId, m.UserId }).ToListAsync(ct)).ToLookup(m => m.TeamId, m => m.UserId);
        var actorIds = relevant.Select(r => r.Event.ActorUserId).OfType<Guid>().Distinct().ToArray();
        var actorNames = await db.Users.AsNoTracking().Where(u => actorIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        // Who was told of a comment's mention before: an edit tells only people never mentioned in it.
        var editedComments = relevant.Where(r => r.Event.Type == "comment.updated").Select(r => r.Event.SubjectId).ToArray();
        var toldOfComment = editedComments.Length == 0 ? [] : (await db.Notifications.AsNoTracking()
            .Where(n => n.CommentId != null && editedComments.Contains(n.CommentId.Value) && n.Kind == NotificationKind.Mentioned)
            .Select(n => new { CommentId = n.CommentId!.Value, n.UserId }).ToListAsync(ct)).Select(n => (n.CommentId, n.UserId)).ToHashSet();
        string Actor(ChangeEvent e) => e.ActorUserId is { } a && actorNames.TryGetValue(a, out var name) ? name : "An integration";
        IEnumerable<Guid> LeadsOf(Guid teamId) => leads[teamId];

        // A key result that went behind or at risk already tells everyone its objective's move would: its owner and leads.
        var toldByKeyResult = relevant.Where(r => r.Event.Type == "key_result.status_changed" && Text(r.Data, "status") is "behind" or "at_risk")
            .Select(r => Id(r.Data, "objectiveId")).OfType<Guid>().ToHashSet();
        var candidates = new List<Candidate>();
        var teamPosts = new List<(Guid TeamId, ChatText Text)>();
        ChatText? periodPost = null;
        foreach (var (e, data) in relevant)
        {
            switch (e.Type)
            {
                case "key_result.status_changed" when Text(data, "status") is "behind" or "at_risk" && objectives.TryGetValue(Id(data, "objectiveId")!.Value, out var objective):
                {
                    var word = Text(data, "status") == "at_risk" ? "at risk" : "behind";
                    var title = $"“{Text(data, "title")}” is now {word}";
                    var body = $"A key result of “{objective.Title}”.";
                    var link = $"/objectives/{objective.Id}#kr-{e.SubjectId}";
                    foreach (var person in new[] { Id(data, "ownerId"), objective.OwnerId }.OfType<Guid>().Concat(LeadsOf(objective.TeamId)))
                    {
                        candidates.Add(new Candidate(person, NotificationKind.StatusChanged, e, title, body, link, objective.Id, e.SubjectId, VisibleThrough: objective.Id));
                    }

                    if (objective.State != ObjectiveState.Draft) teamPosts.Add((objective.TeamId, new ChatText(title, body, link)));
                    break;
                }
                case "objective.status_changed" when Text(data, "status") is "behind" or "at_risk" && objectives.TryGetValue(e.SubjectId, out var objective)
                    && !toldByKeyResult.Contains(e.SubjectId):
                {
                    var word = Text(data, "status") == "at_risk" ? "at risk" : "behind";
                    var title = $"The objective “{objective.Title}” is now {word}";
                    var link = $"/objectives/{objective.Id}";
                    foreach (var person in (objective.OwnerId is { } owner ? [owner] : Array.Empty<Guid>()).Concat(LeadsOf(objective.TeamId)))
                    {
                        candidates.Add(new Candidate(person, NotificationKind.StatusChanged, e, title, null, link, objective.Id, VisibleThrough: objective.Id));
                    }

                    if (objective.State != ObjectiveState.Draft) teamPosts.Add((objective.TeamId, new ChatText(title, null, link)));
                    break;
                }
                case "objective.created" or "objective.updated" when Id(data, "parentId") is { } parentId && objectives.TryGetValue(parentId, out var parent)
                    && (e.Type == "objective.created" || changes.Any(c => c.Entity is Objective && c.EntityId == e.SubjectId && c.Changed("parentId"))):
                {
                    var child = objectives.GetValueOrDefault(e.SubjectId);
                    if (child is null) break;
                    var title = $"{Actor(e)} aligned “{child.Title}” to your objective “{parent.Title}”";
                    foreach (var person in parent.OwnerId is { } owner ? [owner] : LeadsOf(parent.TeamId))
                    {
                        candidates.Add(new Candidate(person, NotificationKind.Aligned, e, title, null, $"/objectives/{child.Id}", child.Id, VisibleThrough: child.Id));
                    }

                    break;
                }
                case "comment.created" or "comment.updated" when objectives.TryGetValue(Id(data, "objectiveId")!.Value, out var objective):
                {
                    var keyResult = Id(data, "keyResultId") is { } k ? keyResults.GetValueOrDefault(k) : null;
                    var on = keyResult?.Title ?? objective.Title;
                    var text = Text(data, "text") ?? "";
                    var excerpt = text.Length > 280 ? text[..277] + "…" : text;
                    var link = keyResult is null ? $"/objectives/{objective.Id}#discussion" : $"/objectives/{objective.Id}#kr-{keyResult.Id}-discussion";
                    var mentioned = Ids(data, "mentions");
                    if (e.Type == "comment.updated")
                    {
                        var before = changes.FirstOrDefault(c => c.Entity is Comment && c.EntityId == e.SubjectId && c.Changed("mentions"));
                        var old = before?.Changes["mentions"]?["old"] is JsonArray was ? was.Select(n => Guid.Parse(n!.ToString())).ToHashSet() : null;
                        if (before is null) break; // the text changed, not whom it mentions: nobody is told again
                        mentioned = [.. mentioned.Where(m => (old is null || !old.Contains(m)) && !toldOfComment.Contains((e.SubjectId, m)))];
                    }

                    foreach (var person in mentioned)
                    {
                        candidates.Add(new Candidate(person, NotificationKind.Mentioned, e, $"{Actor(e)} mentioned you on “{on}”", excerpt, link, objective.Id, keyResult?.Id,
                            VisibleThrough: objective.Id, CommentId: e.SubjectId));
                    }

                    if (e.Type == "comment.created")
                    {
                        var owners = new[] { objective.OwnerId, keyResult?.OwnerId }.OfType<Guid>().ToList();
                        if (objective.OwnerId is null) owners.AddRange(LeadsOf(objective.TeamId));
                        foreach (var person in owners)
                        {
                            candidates.Add(new Candidate(person, NotificationKind.Commented, e, $"{Actor(e)} commented on “{on}”", excerpt, link, objective.Id, keyResult?.Id,
                                VisibleThrough: objective.Id, CommentId: e.SubjectId));
                        }
                    }

                    break;
                }
                case "conversation.scheduled":
                {
                    var when = DateTimeOffset.TryParse(Text(data, "scheduledAt"), System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var at)
                        ? at.UtcDateTime.ToString("ddd d MMM yyyy, HH:mm 'UTC'", System.Globalization.CultureInfo.InvariantCulture) : "";
                    foreach (var person in new[] { Id(data, "employeeId"), Id(data, "managerId") }.OfType<Guid>())
                    {
                        candidates.Add(new Candidate(person, NotificationKind.ConversationScheduled, e, $"{Actor(e)} scheduled a 1:1 with you", $"“{Text(data, "title")}” on {when}.",
                            $"/conversations/{e.SubjectId}", ConversationId: e.SubjectId));
                    }

                    break;
                }
                case "period.state_changed":
                {
                    var state = Text(data, "state");
                    var name = Text(data, "label");
                    var link = $"/periods/{e.SubjectId}";
                    if (state == "closed")
                    {
                        var title = $"The period “{name}” closed";
                        const string body = "Its objectives are scored and read-only now: the review shows how it went.";
                        foreach (var person in participants.TryGetValue(e.SubjectId, out var taking) ? taking.People : [])
                        {
                            candidates.Add(new Candidate(person, NotificationKind.PeriodClosed, e, title, body, link));
                        }

                        periodPost = new ChatText(title, body, link);
                    }
                    else if (state == "active")
                    {
                        periodPost = new ChatText($"The period “{name}” started", "Check-ins are open: set and update your OKRs for it.", link);
                    }

                    break;
                }
            }
        }

        await chat.ToTeamsAsync(teamPosts, ct);
        if (periodPost is not null) await chat.ToEveryTeamAsync(periodPost, ct);
        if (candidates.Count == 0) return;

        // Who may be told: active, not the actor, able to read what it is about.
        var people = candidates.Select(c => c.UserId).ToHashSet();
        var users = await db.Users.AsNoTracking().Where(u => people.Contains(u.Id) && u.Active).Select(u => new { u.Id, Admin = u.Role == OrgRole.Admin }).ToDictionaryAsync(u => u.Id, ct);
        var choices = await preferences.ForAsync(users.Keys, ct);
        var notifications = new List<Notification>();
        var personalPosts = new List<(Guid UserId, ChatText Text)>();
        foreach (var group in candidates.GroupBy(c => (c.UserId, c.Event.Id)))
        {
            // The first rule that applies and that the person has not switched off: a mention before a comment on what they own.
            if (group.Key.UserId == group.First().Event.ActorUserId || !users.TryGetValue(group.Key.UserId, out var user)) continue;
            var candidate = group.FirstOrDefault(c => !choices[user.Id].Kinds[c.Kind].Off);
            if (candidate is null) continue;
            if (candidate.VisibleThrough is { } about && objectives.TryGetValue(about, out var o)
                && !AccessPolicy.MayRead(o.State, o.TeamId, o.OwnerId, user.Id, user.Admin, leads[o.TeamId].Contains(user.Id) ? [o.TeamId] : []))
            {
                continue;
            }

            var choice = choices[user.Id].Kinds[candidate.Kind];
            notifications.Add(new Notification
            {
                UserId = user.Id, Kind = candidate.Kind, Key = $"event:{candidate.Event.Id}", Title = Clip(candidate.Title, 500), Body = candidate.Body is null ? null : Clip(candidate.Body, 1000),
                Link = candidate.Link, ObjectiveId = candidate.ObjectiveId, KeyResultId = candidate.KeyResultId, ConversationId = candidate.ConversationId, CommentId = candidate.CommentId,
                ActorUserId = candidate.Event.ActorUserId, CreatedAt = candidate.Event.OccurredAt, InApp = choice.InApp,
                // Without a mail server nothing waits to be emailed: the notification is for the app (and chat) only.
                Email = mailer.Configured ? choice.Email : EmailDelivery.Off,
            });
            if (choice.Chat) personalPosts.Add((user.Id, new ChatText(candidate.Title, candidate.Body, candidate.Link)));
        }

        db.Notifications.AddRange(notifications);
        await chat.ToPeopleAsync(personalPosts, ct);
    }

    /// <summary>Who takes part in a period: owners of its objectives and key results (drafts and archived ones aside), and the leads of the teams that own them.</summary>
    private async Task<Dictionary<Guid, (HashSet<Guid> People, HashSet<Guid> Teams)>> PeriodParticipantsAsync(Guid[] periods, CancellationToken ct)
    {
        var rows = await db.Objectives.AsNoTracking()
            .Where(o => periods.Contains(o.PeriodId) && (o.State == ObjectiveState.Active || o.State == ObjectiveState.Closed))
            .Select(o => new { o.PeriodId, o.TeamId, o.OwnerId, KeyResultOwners = o.KeyResults.Where(k => k.OwnerId != null).Select(k => k.OwnerId!.Value).ToList() })
            .ToListAsync(ct);
        var teams = rows.Select(r => r.TeamId).Distinct().ToArray();
        var leads = (await db.TeamMemberships.AsNoTracking().Where(m => teams.Contains(m.TeamId) && m.Role == TeamRole.Lead).Select(m => new { m.TeamId, m.UserId }).ToListAsync(ct))
            .ToLookup(m => m.TeamId, m => m.UserId);
        return rows.GroupBy(r => r.PeriodId).ToDictionary(g => g.Key, g => (
            People: g.SelectMany(r => r.KeyResultOwners.Concat(r.OwnerId is { } owner ? [owner] : []).Concat(leads[r.TeamId])).ToHashSet(),
            Teams: g.Select(r => r.TeamId).ToHashSet()));
    }

    /// <summary>Whether a rule could apply at all, from the event alone (so that a check-in that moves nothing to behind reads nothing more).</summary>
    private static bool MayMatter(ChangeEvent e, JsonObject data, IReadOnlyList<PendingChange> changes) => e.Type switch
    {
        "key_result.status_changed" or "objective.status_changed" => Text(data, "status") is "behind" or "at_risk",
        "objective.created" => Id(data, "parentId") is not null,
        "objective.updated" => Id(data, "parentId") is not null && changes.Any(c => c.Entity is Objective && c.EntityId == e.SubjectId && c.Changed("parentId")),
        "period.state_changed" => Text(data, "state") is "closed" or "active",
        _ => true,
    };

    private static Guid? Id(JsonObject data, string field) => data[field] is JsonValue v && Guid.TryParse(v.ToString(), out var id) ? id : null;

    private static string? Text(JsonObject data, string field) => data[field] is JsonValue v ? v.ToString() : null;

    private static List<Guid> Ids(JsonObject data, string field) => data[field] is JsonArray a ? [.. a.Select(n => Guid.Parse(n!.ToString()))] : [];

    private static string Clip(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}
