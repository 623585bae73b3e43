using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Okr.Api.Domain;
using Okr.Api.Infrastructure.Persistence;

namespace Okr.Api.Features.Imports;

/// <summary>
/// An audited table as the import writes it: its name, the entity's name in the log, its key column, and the columns an
/// audit entry records, all taken from the EF Core model through <see cref="AuditRecord"/> (the definition the
/// <see cref="AuditInterceptor"/> applies to every other save). The SQL it builds records the same fields, with the same
/// names and secrets hidden the same way, as an entry written by the API.
/// </summary>
internal sealed record AuditedTable(string Table, string EntityType, string KeyColumn, IReadOnlyList<AuditedColumn> Columns)
{
    /// <summary>The audited tables an import writes, read once from the model.</summary>
    public static AuditedTable Of<T>(IModel model)
    {
        var type = model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the model.");
        var table = StoreObjectIdentifier.Table(type.GetTableName()!, type.GetSchema());
        // A membership is logged under its team (AuditInterceptor.EntityId); everything else under its id.
        var key = typeof(T) == typeof(TeamMembership) ? nameof(TeamMembership.TeamId) : "Id";
        return new AuditedTable(type.GetTableName()!, AuditRecord.EntityType(typeof(T)), type.FindProperty(key)!.GetColumnName(table)!, AuditRecord.Columns(type));
    }

    /// <summary>The changes of a created row <paramref name="row"/>: every recorded field from nothing to its value.</summary>
    public string Created(string row) =>
        "jsonb_build_object(" + string.Join(", ", Columns.Select(c => $"'{c.Field}', jsonb_build_object('old', NULL, 'new', {Value(row, c)})")) + ")";

    /// <summary>The changes from row <paramref name="before"/> to row <paramref name="after"/>: the recorded fields that differ, old and new.</summary>
    public string Updated(string before, string after) => $"""
        (SELECT coalesce(jsonb_object_agg(f.field, jsonb_build_object('old', f.old, 'new', f.new)), '{"{}"}'::jsonb)
         FROM (VALUES {string.Join(", ", Columns.Select(c => $"('{c.Field}', {Value(before, c)}, {Value(after, c)}, {before}.{c.Column} IS DISTINCT FROM {after}.{c.Column})"))})
              f(field, old, new, changed)
         WHERE f.changed)
        """;

    private static string Value(string row, AuditedColumn column) =>
        column.Secret ? $"""CASE WHEN coalesce({row}.{column.Column}, '') = '' THEN NULL ELSE '"(secret)"'::jsonb END""" : $"to_jsonb({row}.{column.Column})";
}
