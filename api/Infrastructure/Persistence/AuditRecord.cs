using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Okr.Api.Domain;

namespace Okr.Api.Infrastructure.Persistence;

/// <summary>
/// What an audit entry records of an entity, defined once from the EF Core model: which properties (all mapped ones but
/// the bookkeeping below), under which field names (the JSON names of the API), which are secrets (recorded as
/// "(secret)", never their value), and the entity's name in the log. <see cref="AuditInterceptor"/> applies it to every
/// EF Core save; the bulk import applies it to its set-based SQL (Features/Imports/Staging/AuditSql.cs), so an entry
/// reads the same whichever path wrote the row.
/// </summary>
public static class AuditRecord
{
    /// <summary>Bookkeeping that every row carries and that says nothing about the change itself.</summary>
    private static readonly HashSet<string> Unrecorded = ["Version", "ModifiedAt", "ModifiedBy", "CreatedAt", "CreatedBy", "FailedSignIns", "LockedUntil", "LastUsedAt", "SessionVersion", "TotpLastStep", "FailingSince"];

    private static readonly HashSet<string> Secrets = ["PasswordHash", "SecretHash", "PrivateText", "TokenHash", "TotpSecret", "RecoveryCodeHashes", "SecretProtected", "PreviousSecretProtected", "UrlProtected"];

    /// <summary>Entities that are not audited: the log itself, the event stream and its deliveries, Data Protection keys, sign-in sessions, import jobs and reminder and digest runs, notifications, settings and chat messages (which are their own record) and remembered answers.</summary>
    public static bool IsAudited(object entity) =>
        entity is not AuditEntry and not RefreshToken and not ImportJob and not Http.IdempotentRequest and not ReminderRun and not ReminderDelivery and not SignInPlace
        and not ChangeEvent and not WebhookDelivery and not AnnouncedStatus and not AnnouncedObjectiveStatus and not Notification and not NotificationSettings and not ChatMessage and not DigestRun and not Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.DataProtectionKey;

    public static bool IsRecorded(IReadOnlyProperty property) => !Unrecorded.Contains(property.Name) && !property.IsShadowProperty();

    public static bool IsSecret(string propertyName) => Secrets.Contains(propertyName);

    /// <summary>The field name an entry uses: the API's JSON name ("keyResultId").</summary>
    public static string FieldName(string propertyName) => JsonNamingPolicy.CamelCase.ConvertName(propertyName);

    /// <summary>The entity's name in the log ("key_result").</summary>
    public static string EntityType(Type clrType) => JsonNamingPolicy.SnakeCaseLower.ConvertName(clrType.Name);

    /// <summary>The recorded properties of an entity type, in model order, with their columns.</summary>
    public static IReadOnlyList<AuditedColumn> Columns(IEntityType type)
    {
        var table = StoreObjectIdentifier.Table(type.GetTableName()!, type.GetSchema());
        return [.. type.GetProperties().Where(IsRecorded).Select(p => new AuditedColumn(FieldName(p.Name), p.GetColumnName(table)!, IsSecret(p.Name)))];
    }
}

/// <summary>One recorded property: its field name in the log, its column, and whether it is a secret.</summary>
public sealed record AuditedColumn(string Field, string Column, bool Secret);

/// <summary>One entity a save changed, as the audit log recorded it: what the event outbox turns into events.</summary>
/// <param name="Entity">The entity itself (as saved).</param>
/// <param name="EntityType">Its name in the log ("key_result").</param>
/// <param name="EntityId">Its id (a membership: the team's).</param>
/// <param name="Action">created, updated or deleted.</param>
/// <param name="Changes">Field → { old, new }, as the audit entry has it.</param>
/// <param name="Version">Its version before the save (what a deletion event reports).</param>
/// <param name="ObjectiveId">The objective a key result or check-in belongs to.</param>
/// <param name="At">When.</param>
/// <param name="ActorUserId">The person who did it.</param>
/// <param name="ActorClientId">The API client that did it.</param>
public sealed record PendingChange(
    object Entity, string EntityType, Guid EntityId, AuditAction Action, System.Text.Json.Nodes.JsonObject Changes, uint? Version, Guid? ObjectiveId,
    DateTimeOffset At, Guid? ActorUserId, Guid? ActorClientId)
{
    public bool Changed(string field) => Changes.ContainsKey(field);

    public string? NewValue(string field) => Changes[field]?["new"]?.ToString();

    public string? OldValue(string field) => Changes[field]?["old"]?.ToString();
}
