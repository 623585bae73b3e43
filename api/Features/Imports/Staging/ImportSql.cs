using Microsoft.EntityFrameworkCore.Metadata;
using Npgsql;
using NpgsqlTypes;
using Okr.Api.Domain;

namespace Okr.Api.Features.Imports;

/// <summary>Who runs an import: a person or an API client. Everything it writes is stamped with this actor.</summary>
public readonly record struct ImportActor(Guid Id, bool IsClient)
{
    public Guid? UserId => IsClient ? null : Id;
    public Guid? ClientId => IsClient ? Id : null;
}

/// <summary>
/// The import's connection inside its one transaction, with the parameters every statement shares:
/// @now, @actor (person or client), @user, @client and @import (the job id the audit entries carry); and the audited
/// tables it writes, described by the EF Core model.
/// </summary>
internal sealed class ImportSql(NpgsqlConnection connection, NpgsqlTransaction transaction, ImportActor actor, Guid importId, DateTimeOffset now, IModel model)
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

    /// <summary>The tables an import writes, with what their audit entries record.</summary>
    public AuditedTable Objectives { get; } = AuditedTable.Of<Objective>(model);

    public AuditedTable KeyResults { get; } = AuditedTable.Of<KeyResult>(model);

    public AuditedTable CheckIns { get; } = AuditedTable.Of<CheckIn>(model);

    public AuditedTable Teams { get; } = AuditedTable.Of<Team>(model);

    public AuditedTable Memberships { get; } = AuditedTable.Of<TeamMembership>(model);

    public AuditedTable Users { get; } = AuditedTable.Of<User>(model);

    public AuditedTable Periods { get; } = AuditedTable.Of<Period>(model);

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
    /// Runs an <c>INSERT … SELECT</c> into <paramref name="table"/> and writes a "created" audit entry for each row it
    /// inserted, read back from the row as stored (defaults included), in the same statement.
    /// </summary>
    /// <param name="table">The table inserted into.</param>
    /// <param name="insert">The INSERT statement, without RETURNING.</param>
    /// <param name="objectiveId">SQL over the inserted row <c>n</c>: the objective the entry belongs to (or NULL).</param>
    /// <param name="ct">Cancels the statement.</param>
    /// <returns>The number of rows inserted.</returns>
    public Task<int> InsertAsync(AuditedTable table, string insert, string objectiveId, CancellationToken ct) => CountAsync($"""
        WITH n AS ({insert}
                   RETURNING *),
             logged AS (INSERT INTO audit_log (id, at, actor_user_id, actor_client_id, entity_type, entity_id, objective_id, action, changes, import_id)
                        SELECT {NewId}, @now, @user, @client, '{table.EntityType}', n.{table.KeyColumn}, {objectiveId}, 'created', {table.Created("n")}, @import
                        FROM n)
        SELECT count(*) FROM n
        """, ct);

    /// <summary>
    /// Runs an <c>UPDATE {table} t … FROM … JOIN {table} o …</c> and writes an "updated" audit entry with the recorded
    /// fields that changed. The statement must join the table a second time as <c>o</c> on the updated row's key: that
    /// copy is read before the update, so it holds the old values.
    /// </summary>
    /// <param name="table">The table updated.</param>
    /// <param name="update">The UPDATE statement, without RETURNING.</param>
    /// <param name="objectiveId">SQL over the updated row <c>t</c>: the objective the entry belongs to (or NULL).</param>
    /// <param name="ct">Cancels the statement.</param>
    /// <returns>The number of rows updated.</returns>
    public Task<int> UpdateAsync(AuditedTable table, string update, string objectiveId, CancellationToken ct) => CountAsync($"""
        WITH n AS ({update}
                   RETURNING t.{table.KeyColumn} AS entity_id, {objectiveId} AS objective_id, {table.Updated("o", "t")} AS changes),
             logged AS (INSERT INTO audit_log (id, at, actor_user_id, actor_client_id, entity_type, entity_id, objective_id, action, changes, import_id)
                        SELECT {NewId}, @now, @user, @client, '{table.EntityType}', entity_id, objective_id, 'updated', changes, @import
                        FROM n)
        SELECT count(*) FROM n
        """, ct);

    /// <summary>
    /// Upserts rows from a staging table that holds the final values and an <c>existing</c> flag: one INSERT of the new
    /// rows and one UPDATE of the rows whose values differ, each with its audit entries. Unchanged rows are not touched,
    /// so their version (ETag) stays.
    /// </summary>
    public async Task<EntityCounts> UpsertAsync(UpsertSpec spec, CancellationToken ct)
    {
        var (table, columns) = (spec.Table.Table, spec.Columns);
        var target = "(" + string.Join(", ", columns.Select(c => "t." + c)) + ")";
        var staged = "(" + string.Join(", ", columns.Select(c => "s." + c)) + ")";
        string ObjectiveOf(string row) => spec.ObjectiveColumn is { } column ? $"{row}.{column}" : "NULL::uuid";
        var insertOnly = spec.InsertOnly ?? [];
        var inserted = await InsertAsync(spec.Table, $"""
            INSERT INTO {table} (id, {string.Join(", ", columns.Concat(insertOnly.Select(i => i.Column)))}, created_at, created_by, modified_at, modified_by)
            SELECT s.id, {string.Join(", ", columns.Select(c => "s." + c).Concat(insertOnly.Select(i => i.Sql)))}, @now, @actor, @now, @actor
            FROM {spec.Staging} s {spec.InsertJoin} WHERE NOT s.existing
            """, ObjectiveOf("n"), ct);

        var updated = await UpdateAsync(spec.Table, $"""
            UPDATE {table} t SET {string.Join(", ", columns.Select(c => $"{c} = s.{c}").Concat(spec.UpdateAlso is null ? [] : [spec.UpdateAlso]))}, modified_at = @now, modified_by = @actor
            FROM {spec.Staging} s JOIN {table} o ON o.id = s.id
            WHERE t.id = s.id AND s.existing AND {target} IS DISTINCT FROM {staged}
            """, ObjectiveOf("t"), ct);

        var total = await CountAsync($"SELECT count(*) FROM {spec.Staging}", ct);
        return new EntityCounts(inserted, updated, total - inserted - updated);
    }

    /// <summary>Runs a query and hands each row to <paramref name="row"/>.</summary>
    public async Task ReadAsync(string query, Action<NpgsqlDataReader> row, CancellationToken ct)
    {
        await using var command = Command(query);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) row(reader);
    }

    /// <summary>Where a row came from: columns <paramref name="i"/> (CSV row number) and <paramref name="i"/> + 1 (JSON path).</summary>
    public static ImportLocation Location(NpgsqlDataReader r, int i) => new(r.IsDBNull(i) ? null : r.GetInt32(i), r.IsDBNull(i + 1) ? null : r.GetString(i + 1));

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
/// <param name="Table">Target table, with what its audit entries record.</param>
/// <param name="Staging">Staging table: id, existing, and the columns.</param>
/// <param name="Columns">The columns an import sets (named alike in the staging table).</param>
/// <param name="ObjectiveColumn">The column holding the objective an audit entry belongs to ("id" for objectives); null for none.</param>
/// <param name="InsertOnly">Columns set only when the row is created: (column, SQL over s and <paramref name="InsertJoin"/>).</param>
/// <param name="InsertJoin">Joins the INSERT of new rows reads from besides s.</param>
/// <param name="UpdateAlso">More of the UPDATE's SET list (SQL over t, the row before, and s).</param>
internal sealed record UpsertSpec(
    AuditedTable Table, string Staging, string[] Columns, string? ObjectiveColumn = null,
    (string Column, string Sql)[]? InsertOnly = null, string InsertJoin = "", string? UpdateAlso = null);
