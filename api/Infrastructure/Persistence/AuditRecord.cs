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
    private static readonly HashSet<string> Unrecorded = ["Version", "ModifiedAt", "ModifiedBy", "CreatedAt", "CreatedBy", "FailedSignIns", "LockedUntil", "LastUsedAt", "SessionVersion", "TotpLastStep"];

    private static readonly HashSet<string> Secrets = ["PasswordHash", "SecretHash", "PrivateText", "TokenHash", "TotpSecret", "RecoveryCodeHashes"];

    /// <summary>Entities that are not audited: the log itself, sign-in sessions, import jobs and reminder runs (which are their own record) and remembered answers.</summary>
    public static bool IsAudited(object entity) =>
        entity is not AuditEntry and not RefreshToken and not ImportJob and not Http.IdempotentRequest and not ReminderRun and not ReminderDelivery and not SignInPlace;

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
