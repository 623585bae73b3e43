using Npgsql;
using NpgsqlTypes;

namespace Okr.Api.Features.Imports;

/// <summary>Who runs an import: a person or an API client. Everything it writes is stamped with this actor.</summary>
public readonly record struct ImportActor(Guid Id, bool IsClient)
{
    public Guid? UserId => IsClient ? null : Id;
    public Guid? ClientId => IsClient ? Id : null;
}

/// <summary>
/// The import's connection inside its one transaction, with the parameters every statement shares:
/// @now, @actor (person or client), @user, @client and @import (the job id the audit entries carry).
/// </summary>
internal sealed class ImportSql(NpgsqlConnection connection, NpgsqlTransaction transaction, ImportActor actor, Guid importId, DateTimeOffset now)
{
    /// <summary>
    /// A time-ordered (version 7) UUID made in SQL, like the ids the API makes: audit rows then append to the end of
    /// their primary-key index instead of landing at random places in it, which keeps bulk inserts fast.
    /// </summary>
    public const string NewId = """
        encode(set_bit(set_bit(overlay(uuid_send(gen_random_uuid()) PLACING substring(int8send((extract(epoch FROM clock_timestamp()) * 1000)::bigint) FROM 3)
        FROM 1 FOR 6), 52, 1), 53, 1), 'hex')::uuid
        """;

    public NpgsqlConnection Connection => connection;

    public async Task<int> ExecuteAsync(string sql, CancellationToken ct, params NpgsqlParameter[] parameters)
    {
        await using var command = Command(sql, parameters);
        return await command.ExecuteNonQueryAsync(ct);
    }

    public NpgsqlCommand Command(string sql, params NpgsqlParameter[] parameters)
    {
        // Large imports run statements over a hundred thousand rows: the default 30 s command timeout does not fit.
        var command = new NpgsqlCommand(sql, connection, transaction) { CommandTimeout = 0 };
        command.Parameters.Add(new NpgsqlParameter("now", NpgsqlDbType.TimestampTz) { Value = now });
        command.Parameters.Add(new NpgsqlParameter("actor", NpgsqlDbType.Uuid) { Value = actor.Id });
        command.Parameters.Add(new NpgsqlParameter("user", NpgsqlDbType.Uuid) { Value = (object?)actor.UserId ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter("client", NpgsqlDbType.Uuid) { Value = (object?)actor.ClientId ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter("import", NpgsqlDbType.Uuid) { Value = importId });
        command.Parameters.AddRange(parameters);
        return command;
    }

    public static NpgsqlParameter Array<T>(string name, IEnumerable<T> values, NpgsqlDbType type) =>
        new(name, NpgsqlDbType.Array | type) { Value = values.ToArray() };

    /// <summary>
    /// Upserts rows from a staging table that holds the final values and an <c>existing</c> flag: audit entries first
    /// (they need the old values), then one INSERT of the new rows and one UPDATE of the rows whose values differ.
    /// Unchanged rows are not touched, so their version (ETag) stays.
    /// </summary>
    public async Task<EntityCounts> UpsertAsync(UpsertSpec spec, CancellationToken ct)
    {
        var columns = spec.Columns.Select(c => c.Column).ToArray();
        var target = "(" + string.Join(", ", columns.Select(c => "t." + c)) + ")";
        var staged = "(" + string.Join(", ", columns.Select(c => "s." + c)) + ")";
        var changes = string.Join(",\n                ", spec.Columns.Select(c => $"('{c.Field}', to_jsonb(t.{c.Column}), to_jsonb(s.{c.Column}))"));

        // New rows: every field from nothing to its value, built directly (the bulk of a first import).
        var created = string.Join(",\n                ", spec.Columns.Select(c => $"'{c.Field}', jsonb_build_object('old', NULL, 'new', s.{c.Column})"));
        await ExecuteAsync($"""
            INSERT INTO audit_log (id, at, actor_user_id, actor_client_id, entity_type, entity_id, objective_id, action, changes, import_id)
            SELECT {NewId}, @now, @user, @client, '{spec.EntityType}', s.id, {spec.ObjectiveId}, 'created',
                   jsonb_build_object({created}), @import
            FROM {spec.Staging} s WHERE NOT s.existing
            """, ct);

        // Changed rows: only the fields that changed, old and new.
        await ExecuteAsync($"""
            INSERT INTO audit_log (id, at, actor_user_id, actor_client_id, entity_type, entity_id, objective_id, action, changes, import_id)
            SELECT {NewId}, @now, @user, @client, '{spec.EntityType}', s.id, {spec.ObjectiveId}, 'updated',
                   (SELECT coalesce(jsonb_object_agg(f.k, jsonb_build_object('old', f.o, 'new', f.n)), '{"{}"}'::jsonb)
                    FROM (VALUES {changes}) f(k, o, n) WHERE f.o IS DISTINCT FROM f.n),
                   @import
            FROM {spec.Staging} s JOIN {spec.Table} t ON t.id = s.id
            WHERE s.existing AND {target} IS DISTINCT FROM {staged}
            """, ct);

        var insertOnly = spec.InsertOnly ?? [];
        var inserted = await ExecuteAsync($"""
            INSERT INTO {spec.Table} (id, {string.Join(", ", columns.Concat(insertOnly.Select(i => i.Column)))}, created_at, created_by, modified_at, modified_by)
            SELECT s.id, {string.Join(", ", columns.Select(c => "s." + c).Concat(insertOnly.Select(i => i.Sql)))}, @now, @actor, @now, @actor
            FROM {spec.Staging} s {spec.InsertJoin} WHERE NOT s.existing
            """, ct);

        var updated = await ExecuteAsync($"""
            UPDATE {spec.Table} t SET {string.Join(", ", columns.Select(c => $"{c} = s.{c}"))}, modified_at = @now, modified_by = @actor
            FROM {spec.Staging} s
            WHERE t.id = s.id AND s.existing AND {target} IS DISTINCT FROM {staged}
            """, ct);

        var total = await CountAsync($"SELECT count(*) FROM {spec.Staging}", ct);
        return new EntityCounts(inserted, updated, total - inserted - updated);
    }

    public async Task<int> CountAsync(string sql, CancellationToken ct)
    {
        await using var command = Command(sql);
        return Convert.ToInt32(await command.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Reads error rows (row_no, path, kind, field, message) into the list.</summary>
    public async Task CollectErrorsAsync(string sql, ImportErrorList errors, Func<char, string, string> fieldName, CancellationToken ct)
    {
        // Every error row is read, so that the count is the total; the list keeps the first ones.
        await using var command = Command(sql);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var kind = reader.GetChar(2);
            errors.Add(new ImportError(
                reader.IsDBNull(0) ? null : reader.GetInt32(0),
                reader.IsDBNull(1) ? null : reader.GetString(1),
                fieldName(kind, reader.GetString(3)),
                reader.GetString(4)));
        }
    }
}

/// <summary>How to upsert one kind of entity from its staging table.</summary>
/// <param name="Table">Target table.</param>
/// <param name="Staging">Staging table: id, existing, and the columns.</param>
/// <param name="EntityType">The audit log's name for it.</param>
/// <param name="Columns">The columns an import sets, with their API field names (for the audit log).</param>
/// <param name="ObjectiveId">SQL (over s) for the objective the audit entry belongs to.</param>
/// <param name="InsertOnly">Columns set only when the row is created: (column, SQL over s and <paramref name="InsertJoin"/>).</param>
/// <param name="InsertJoin">Joins the INSERT of new rows reads from besides s.</param>
internal sealed record UpsertSpec(
    string Table, string Staging, string EntityType, (string Field, string Column)[] Columns, string ObjectiveId = "NULL::uuid",
    (string Column, string Sql)[]? InsertOnly = null, string InsertJoin = "");
