using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using CsvHelper;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Okr.Api.Domain;
using Okr.Api.Infrastructure.Auth;
using Okr.Api.Infrastructure.Errors;
using Okr.Api.Infrastructure.Persistence;

namespace Okr.Api.Features.Imports;

/// <summary>The organisation's OKRs in an import format: everything, or one period.</summary>
public sealed record ExportOkrsQuery(Guid? PeriodId, ImportFormat Format) : IQuery<OkrExport>;

/// <summary>An export ready to stream: the rows are read from the database while the answer is written.</summary>
public sealed record OkrExport(string ContentType, string FileName, Func<Stream, CancellationToken, Task> WriteAsync);

/// <summary>
/// Streams the same formats the import reads, in a stable order (by key, byte-wise), so that exporting, importing
/// into an empty organisation and exporting again gives identical output. Objectives and key results created in Okr
/// without an externalId are exported with their id as externalId; importing that file back matches them by id.
/// </summary>
public sealed class ExportOkrsQueryHandler(OkrDbContext db, AccessPolicy access, ICurrentUser user) : IQueryHandler<ExportOkrsQuery, OkrExport>
{
    private const string Time = "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'";

    public async ValueTask<OkrExport> Handle(ExportOkrsQuery query, CancellationToken cancellationToken)
    {
        access.EnsureMayImport();
        var label = "all";
        if (query.PeriodId is { } periodId)
        {
            label = await db.Periods.Where(p => p.Id == periodId).Select(p => p.Label).SingleOrDefaultAsync(cancellationToken)
                    ?? throw new NotFoundException("Period", periodId);
        }

        var name = "okrs-" + string.Concat(label.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '-'));
        return query.Format == ImportFormat.Csv
            ? new OkrExport("text/csv; charset=utf-8", name + ".csv", (stream, ct) => WriteCsvAsync(stream, query.PeriodId, ct))
            : new OkrExport("application/json; charset=utf-8", name + ".json", (stream, ct) => WriteJsonAsync(stream, query.PeriodId, ct));
    }

    private const string ObjectiveColumns = """
        coalesce(o.external_id, o.id::text) AS ext, o.title, o.description, p.label, t.slug, u.email,
        CASE WHEN par.state = 'draft' AND NOT @drafts THEN NULL ELSE coalesce(par.external_id, par.id::text) END,
        o.weight, o.state, o.final_score, o.closing_comment
        """;

    private const string ObjectiveJoins = """
        FROM objectives o
        JOIN periods p ON p.id = o.period_id
        JOIN teams t ON t.id = o.team_id
        LEFT JOIN users u ON u.id = o.owner_id
        LEFT JOIN objectives par ON par.id = o.parent_id
        WHERE (@period::uuid IS NULL OR o.period_id = @period) AND (@drafts OR o.state <> 'draft')
        """;

    private const string KeyResultColumns = """
        coalesce(k.external_id, k.id::text) AS kext, coalesce(o.external_id, o.id::text), k.title, k.type, k.direction, k.baseline, k.target,
        k.unit, k.currency_code, k.weight, ku.email, k.cadence_days
        """;

    private async Task WriteJsonAsync(Stream stream, Guid? periodId, CancellationToken ct)
    {
        var connection = await OpenAsync(ct);
        await using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        json.WriteStartObject();

        await SectionAsync(json, "teams", connection, periodId, """
            SELECT t.slug, t.name, p.slug, t.archived FROM teams t LEFT JOIN teams p ON p.id = t.parent_id ORDER BY t.slug COLLATE "C"
            """, r =>
        {
            Text(json, "slug", r.GetString(0));
            Text(json, "name", r.GetString(1));
            Text(json, "parent", Nullable<string>(r, 2));
            json.WriteBoolean("archived", r.GetBoolean(3));
        }, ct);

        await SectionAsync(json, "users", connection, periodId, """
            SELECT u.email, u.display_name, u.role, m.email, u.active,
                   array(SELECT t.slug FROM team_memberships tm JOIN teams t ON t.id = tm.team_id WHERE tm.user_id = u.id ORDER BY t.slug COLLATE "C"),
                   array(SELECT tm.role FROM team_memberships tm JOIN teams t ON t.id = tm.team_id WHERE tm.user_id = u.id ORDER BY t.slug COLLATE "C")
            FROM users u LEFT JOIN users m ON m.id = u.manager_id
            ORDER BY u.email COLLATE "C"
            """, r =>
        {
            Text(json, "email", r.GetString(0));
            Text(json, "displayName", r.GetString(1));
            Text(json, "role", r.GetString(2));
            Text(json, "manager", Nullable<string>(r, 3));
            var (teams, roles) = (r.GetFieldValue<string[]>(5), r.GetFieldValue<string[]>(6));
            if (!r.GetBoolean(4)) json.WriteBoolean("active", false);
            if (teams.Length == 0) return;
            json.WriteStartArray("teams");
            for (var i = 0; i < teams.Length; i++)
            {
                json.WriteStartObject();
                Text(json, "team", teams[i]);
                Text(json, "role", roles[i]);
                json.WriteEndObject();
            }

            json.WriteEndArray();
        }, ct);

        await SectionAsync(json, "periods", connection, periodId, """
            SELECT label, start_date, end_date, state FROM periods WHERE (@period::uuid IS NULL OR id = @period) ORDER BY start_date, label COLLATE "C"
            """, r =>
        {
            Text(json, "label", r.GetString(0));
            Text(json, "startDate", r.GetFieldValue<DateOnly>(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            Text(json, "endDate", r.GetFieldValue<DateOnly>(2).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            Text(json, "state", r.GetString(3));
        }, ct);

        await SectionAsync(json, "objectives", connection, periodId, $"""
            SELECT * FROM (SELECT {ObjectiveColumns}, o.progress_from, o.aligned_share {ObjectiveJoins}) x ORDER BY ext COLLATE "C"
            """, r =>
        {
            Text(json, "externalId", r.GetString(0));
            Text(json, "title", r.GetString(1));
            Text(json, "description", Nullable<string>(r, 2));
            Text(json, "period", r.GetString(3));
            Text(json, "team", r.GetString(4));
            Text(json, "owner", Nullable<string>(r, 5));
            Text(json, "parent", Nullable<string>(r, 6));
            json.WriteNumber("weight", Normalise(r.GetDecimal(7)));
            Text(json, "state", r.GetString(8));
            if (!r.IsDBNull(9)) json.WriteNumber("finalScore", Normalise(r.GetDecimal(9)));
            Text(json, "closingComment", Nullable<string>(r, 10));
            // The roll-up choice, when it is not the default (files from before it existed read the same).
            if (r.GetString(11) != "key_results") Text(json, "progressFrom", r.GetString(11));
            if (r.GetDecimal(12) != Rollup.DefaultAlignedShare) json.WriteNumber("alignedShare", Normalise(r.GetDecimal(12)));
        }, ct);

        await SectionAsync(json, "keyResults", connection, periodId, $"""
            SELECT * FROM (
                SELECT {KeyResultColumns}
                FROM key_results k JOIN objectives o ON o.id = k.objective_id LEFT JOIN users ku ON ku.id = k.owner_id
                WHERE (@period::uuid IS NULL OR o.period_id = @period) AND (@drafts OR o.state <> 'draft')) x
            ORDER BY kext COLLATE "C"
            """, r =>
        {
            Text(json, "externalId", r.GetString(0));
            Text(json, "objective", r.GetString(1));
            Text(json, "title", r.GetString(2));
            Text(json, "type", r.GetString(3));
            Text(json, "direction", r.GetString(4));
            json.WriteNumber("baseline", Normalise(r.GetDecimal(5)));
            json.WriteNumber("target", Normalise(r.GetDecimal(6)));
            Text(json, "unit", r.GetString(7));
            Text(json, "currencyCode", Nullable<string>(r, 8));
            json.WriteNumber("weight", Normalise(r.GetDecimal(9)));
            Text(json, "owner", Nullable<string>(r, 10));
            json.WriteNumber("cadenceDays", r.GetInt32(11));
        }, ct);

        // Check-ins are one per key result and measuredAt in an import; of two recorded at the same moment, the later one stands.
        await SectionAsync(json, "checkIns", connection, periodId, """
            SELECT kext, value, measured_at, confidence, note, email FROM (
                SELECT DISTINCT ON (c.key_result_id, c.measured_at) coalesce(k.external_id, k.id::text) AS kext, c.value, c.measured_at, c.confidence, c.note, a.email
                FROM check_ins c JOIN key_results k ON k.id = c.key_result_id JOIN objectives o ON o.id = k.objective_id
                LEFT JOIN users a ON a.id = c.author_id
                WHERE (@period::uuid IS NULL OR o.period_id = @period) AND (@drafts OR o.state <> 'draft')
                ORDER BY c.key_result_id, c.measured_at, c.created_at DESC) c
            ORDER BY kext COLLATE "C", measured_at
            """, r =>
        {
            Text(json, "keyResult", r.GetString(0));
            json.WriteNumber("value", Normalise(r.GetDecimal(1)));
            Text(json, "measuredAt", r.GetFieldValue<DateTime>(2).ToString(Time, CultureInfo.InvariantCulture));
            json.WriteNumber("confidence", r.GetInt32(3));
            Text(json, "note", Nullable<string>(r, 4));
            Text(json, "author", Nullable<string>(r, 5));
        }, ct);

        json.WriteEndObject();
        await json.FlushAsync(ct);
    }

    private async Task WriteCsvAsync(Stream stream, Guid? periodId, CancellationToken ct)
    {
        var connection = await OpenAsync(ct);
        // With a BOM, so that spreadsheet programs read the file as UTF-8; the import takes it with or without.
        await using var csv = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), 1 << 16) { NewLine = "\r\n" };
        await using var writer = new CsvWriter(csv, CsvImportReader.WriteFormat(), leaveOpen: true);
        foreach (var column in CsvImportReader.Columns) writer.WriteField(column.Column);
        await writer.NextRecordAsync();

        await using var command = new NpgsqlCommand($"""
            SELECT * FROM (
            SELECT {ObjectiveColumns}, {KeyResultColumns}, c.value, c.confidence, c.measured_at, c.note, p.start_date::text, p.end_date::text,
                   o.progress_from, o.aligned_share
            {ObjectiveJoins.Replace("WHERE", """
                LEFT JOIN key_results k ON k.objective_id = o.id
                LEFT JOIN users ku ON ku.id = k.owner_id
                LEFT JOIN LATERAL (SELECT value, confidence, measured_at, note FROM check_ins
                                   WHERE key_result_id = k.id ORDER BY measured_at DESC, created_at DESC LIMIT 1) c ON true
                WHERE
                """, StringComparison.Ordinal)}) x
            ORDER BY ext COLLATE "C", kext COLLATE "C" NULLS FIRST
            """, connection);
        command.Parameters.AddRange(Scope(periodId));
        await using var reader = await command.ExecuteReaderAsync(ct);
        // The query's columns in the order of CsvImportReader.Columns; 12 (the key result's objective) repeats objective_external_id.
        var ordinals = Enumerable.Range(0, CsvImportReader.Columns.Length + 1).Where(i => i != 12).ToArray();
        while (await reader.ReadAsync(ct))
        {
            foreach (var i in ordinals) writer.WriteField(Cell(reader, i));
            await writer.NextRecordAsync();
        }

        await writer.FlushAsync();
        await csv.FlushAsync(ct);
    }

    private static string? Cell(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetValue(ordinal) switch
    {
        decimal d => Normalise(d).ToString(CultureInfo.InvariantCulture),
        DateTime t => t.ToString(Time, CultureInfo.InvariantCulture),
        int i => i.ToString(CultureInfo.InvariantCulture),
        string text => FormulaGuard.Neutralise(text),
        var value => Convert.ToString(value, CultureInfo.InvariantCulture),
    };

    /// <summary>The export reads in one read-only snapshot, so that its parts agree even while people keep writing.</summary>
    private async Task<NpgsqlConnection> OpenAsync(CancellationToken ct)
    {
        await db.Database.OpenConnectionAsync(ct);
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await using var begin = new NpgsqlCommand("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", connection);
        await begin.ExecuteNonQueryAsync(ct);
        return connection;
    }

    private async Task SectionAsync(Utf8JsonWriter json, string name, NpgsqlConnection connection, Guid? periodId, string sql,
        Action<NpgsqlDataReader> write, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddRange(Scope(periodId));
        await using var reader = await command.ExecuteReaderAsync(ct);
        json.WriteStartArray(name);
        while (await reader.ReadAsync(ct))
        {
            json.WriteStartObject();
            write(reader);
            json.WriteEndObject();
            if (json.BytesPending > 1 << 16) await json.FlushAsync(ct);
        }

        json.WriteEndArray();
    }

    /// <summary>The period asked for, and whether drafts are in: only for people who may read every draft (admins), never for API clients.</summary>
    private NpgsqlParameter[] Scope(Guid? periodId) =>
    [
        new("period", NpgsqlTypes.NpgsqlDbType.Uuid) { Value = (object?)periodId ?? DBNull.Value },
        new("drafts", NpgsqlTypes.NpgsqlDbType.Boolean) { Value = user.IsAdmin && !user.IsClient },
    ];

    private static T? Nullable<T>(NpgsqlDataReader reader, int ordinal) where T : class => reader.IsDBNull(ordinal) ? null : reader.GetFieldValue<T>(ordinal);

    /// <summary>Absent and empty text are written alike (left out), as a CSV cannot tell them apart either.</summary>
    private static void Text(Utf8JsonWriter json, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value)) json.WriteString(name, value);
    }

    /// <summary>12.50 and 12.5 are the same number: written without trailing zeros, so exports compare equal.</summary>
    private static decimal Normalise(decimal value) => value / 1.000000000000000000000000000000000m;
}
