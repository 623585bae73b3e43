using System.Text.Json.Nodes;
using Okr.Api.Domain;
using Okr.Api.Infrastructure.Persistence;

namespace Okr.Api.Features.Events;

/// <summary>What a planned event's data is read from: the resource as GET shows it, or (deletions) its id and last version.</summary>
public enum SnapshotKind { Objective, KeyResult, CheckIn, Period, Team, Member, User, Conversation, Comment, Inline }

/// <summary>One event to write, before its data is read.</summary>
/// <param name="Type">Its type (<see cref="EventTypes"/>).</param>
/// <param name="SubjectType">The subject's kind ("objective").</param>
/// <param name="SubjectId">The subject's id.</param>
/// <param name="Kind">Where its data comes from.</param>
/// <param name="Change">The change behind it.</param>
/// <param name="Inline">The data itself, for <see cref="SnapshotKind.Inline"/>.</param>
public sealed record PlannedEvent(string Type, string SubjectType, Guid SubjectId, SnapshotKind Kind, PendingChange Change, JsonObject? Inline = null);

/// <summary>
/// Which events a command's changes make, in one place (docs/events.md, "Event types"): one per subject and type however
/// many saves the command took; a subject created in the command is only "created"; what a check-in writes into its key
/// result is told by <c>check_in.created</c>, not as a key-result update.
/// </summary>
public static class EventPlan
{
    /// <summary>Key-result fields a check-in writes: changing only these is not a <c>key_result.updated</c>.</summary>
    private static readonly HashSet<string> CheckInFields = ["currentValue", "confidence", "lastCheckInAt", "lastCheckInNote"];

    /// <summary>A person's credentials and sign-in state: changing only these changes nothing an integration reads.</summary>
    private static readonly HashSet<string> CredentialFields = ["passwordHash", "totpSecret", "totpEnabled", "recoveryCodeHashes", "invited"];

    public static IReadOnlyList<PlannedEvent> From(IEnumerable<PendingChange> changes)
    {
        var planned = new List<PlannedEvent>();
        foreach (var change in changes) planned.AddRange(For(change));

        var created = planned.Where(p => p.Type.EndsWith(".created", StringComparison.Ordinal)).Select(p => p.SubjectId).ToHashSet();
        var deleted = planned.Where(p => p.Type.EndsWith(".deleted", StringComparison.Ordinal)).Select(p => p.SubjectId).ToHashSet();
        return [.. planned
            // Made and removed in one command: nothing outside ever saw it.
            .Where(p => !(created.Contains(p.SubjectId) && deleted.Contains(p.SubjectId)))
            .Where(p => !created.Contains(p.SubjectId) || p.Type.EndsWith(".created", StringComparison.Ordinal) || p.SubjectType == "team")
            .Where(p => !deleted.Contains(p.SubjectId) || p.Type.EndsWith(".deleted", StringComparison.Ordinal))
            .GroupBy(p => (p.Type, p.SubjectId, MemberOf(p)))
            .Select(g => g.Last())];
    }

    private static Guid? MemberOf(PlannedEvent p) => p.Change.Entity is TeamMembership m ? m.UserId : null;

    private static IEnumerable<PlannedEvent> For(PendingChange c)
    {
        switch (c.Entity)
        {
            case Objective o:
                if (c.Action == AuditAction.Created) yield return New("objective.created", "objective", o.Id, SnapshotKind.Objective, c);
                else if (c.Action == AuditAction.Deleted) yield return Deleted("objective.deleted", "objective", c);
                else
                {
                    var closed = c.Changed("state") && c.NewValue("state") == "closed";
                    if (closed) yield return New("objective.closed", "objective", o.Id, SnapshotKind.Objective, c);
                    if (c.Changed("carriedOverToId") && c.NewValue("carriedOverToId") is not null)
                    {
                        yield return New("objective.carried_over", "objective", o.Id, SnapshotKind.Objective, c);
                    }

                    if (!closed && c.Changes.Select(p => p.Key).Any(f => f != "carriedOverToId"))
                    {
                        yield return New("objective.updated", "objective", o.Id, SnapshotKind.Objective, c);
                    }
                }

                break;
            case KeyResult k:
                if (c.Action == AuditAction.Created) yield return New("key_result.created", "key_result", k.Id, SnapshotKind.KeyResult, c);
                else if (c.Action == AuditAction.Deleted) yield return Deleted("key_result.deleted", "key_result", c);
                else if (c.Changes.Select(p => p.Key).Any(f => !CheckInFields.Contains(f)))
                {
                    yield return New("key_result.updated", "key_result", k.Id, SnapshotKind.KeyResult, c);
                }

                break;
            case CheckIn ci when c.Action == AuditAction.Created:
                yield return New("check_in.created", "check_in", ci.Id, SnapshotKind.CheckIn, c);
                break;
            case Period p:
                if (c.Action == AuditAction.Created) yield return New("period.created", "period", p.Id, SnapshotKind.Period, c);
                else if (c.Action == AuditAction.Deleted) yield return Deleted("period.deleted", "period", c);
                else
                {
                    if (c.Changed("state")) yield return New("period.state_changed", "period", p.Id, SnapshotKind.Period, c);
                    if (c.Changes.Select(f => f.Key).Any(f => f != "state")) yield return New("period.updated", "period", p.Id, SnapshotKind.Period, c);
                }

                break;
            case Team t:
                if (c.Action == AuditAction.Created) yield return New("team.created", "team", t.Id, SnapshotKind.Team, c);
                else if (c.Action == AuditAction.Deleted) yield return Deleted("team.deleted", "team", c);
                else if (c.Changed("archived") && c.NewValue("archived") == "true") yield return New("team.archived", "team", t.Id, SnapshotKind.Team, c);
                else yield return New("team.updated", "team", t.Id, SnapshotKind.Team, c);
                break;
            case TeamMembership m:
                var type = c.Action switch { AuditAction.Created => "team.member_added", AuditAction.Deleted => "team.member_removed", _ => "team.member_updated" };
                yield return c.Action == AuditAction.Deleted
                    ? new PlannedEvent(type, "team", m.TeamId, SnapshotKind.Inline, c, new JsonObject { ["teamId"] = m.TeamId, ["userId"] = m.UserId })
                    : New(type, "team", m.TeamId, SnapshotKind.Member, c);
                break;
            case User u:
                if (c.Action == AuditAction.Created) yield return New("user.created", "user", u.Id, SnapshotKind.User, c);
                else if (c.Action == AuditAction.Deleted) yield return Deleted("user.deleted", "user", c);
                else if (c.Changed("active")) yield return New(c.NewValue("active") == "true" ? "user.activated" : "user.deactivated", "user", u.Id, SnapshotKind.User, c);
                else if (c.Changes.Select(f => f.Key).Any(f => !CredentialFields.Contains(f))) yield return New("user.updated", "user", u.Id, SnapshotKind.User, c);
                break;
            case Conversation v when c.Action == AuditAction.Created:
                yield return New("conversation.scheduled", "conversation", v.Id, SnapshotKind.Conversation, c);
                break;
            case Conversation v when c.Changed("state") && c.NewValue("state") == "held":
                yield return New("conversation.held", "conversation", v.Id, SnapshotKind.Conversation, c);
                break;
            case Comment m:
                if (c.Action == AuditAction.Created) yield return New("comment.created", "comment", m.Id, SnapshotKind.Comment, c);
                else if (c.Action == AuditAction.Deleted) yield return Deleted("comment.deleted", "comment", c);
                else yield return New("comment.updated", "comment", m.Id, SnapshotKind.Comment, c);
                break;
        }
    }

    private static PlannedEvent New(string type, string subjectType, Guid id, SnapshotKind kind, PendingChange change) => new(type, subjectType, id, kind, change);

    private static PlannedEvent Deleted(string type, string subjectType, PendingChange c) =>
        new(type, subjectType, c.EntityId, SnapshotKind.Inline, c, new JsonObject { ["id"] = c.EntityId, ["version"] = c.Version });
}
