using System.Buffers;
using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using Okr.Api.Domain;
using Okr.Api.Infrastructure.Errors;
using Okr.Api.Infrastructure.Http;
using Okr.Api.Infrastructure.Persistence;

namespace Okr.Api.Features.Imports;

/// <summary>
/// Reads the CSV import format: UTF-8 (with or without BOM), RFC 4180 quoting, a header row naming the columns, then
/// one row per key result carrying its objective's columns (an objective without key results takes one row with the
/// key-result columns empty). The key result's latest check-in may ride along in current_value / measured_at, and the
/// period's dates in period_start / period_end, so that a file can create the period it names (a CSV file on its own
/// then sets up a quarter; without the dates the period must exist, or come from a JSON import).
/// </summary>
internal sealed class CsvImportReader(ImportSink sink)
{
    /// <summary>The columns, in the order an export writes them. (kind, JSON field) says what each one fills.</summary>
    public static readonly (string Column, char Kind, string Field)[] Columns =
    [
        ("objective_external_id", StageRow.ObjectiveKind, "externalId"),
        ("objective_title", StageRow.ObjectiveKind, "title"),
        ("objective_description", StageRow.ObjectiveKind, "description"),
        ("period", StageRow.ObjectiveKind, "period"),
        ("team", StageRow.ObjectiveKind, "team"),
        ("objective_owner", StageRow.ObjectiveKind, "owner"),
        ("parent_external_id", StageRow.ObjectiveKind, "parent"),
        ("objective_weight", StageRow.ObjectiveKind, "weight"),
        ("objective_state", StageRow.ObjectiveKind, "state"),
        ("objective_final_score", StageRow.ObjectiveKind, "finalScore"),
        ("objective_closing_comment", StageRow.ObjectiveKind, "closingComment"),
        ("key_result_external_id", StageRow.KeyResultKind, "externalId"),
        ("key_result_title", StageRow.KeyResultKind, "title"),
        ("type", StageRow.KeyResultKind, "type"),
        ("direction", StageRow.KeyResultKind, "direction"),
        ("baseline", StageRow.KeyResultKind, "baseline"),
        ("target", StageRow.KeyResultKind, "target"),
        ("unit", StageRow.KeyResultKind, "unit"),
        ("currency_code", StageRow.KeyResultKind, "currencyCode"),
        ("key_result_weight", StageRow.KeyResultKind, "weight"),
        ("key_result_owner", StageRow.KeyResultKind, "owner"),
        ("cadence_days", StageRow.KeyResultKind, "cadenceDays"),
        ("current_value", StageRow.CheckInKind, "value"),
        ("confidence", StageRow.CheckInKind, "confidence"),
        ("measured_at", StageRow.CheckInKind, "measuredAt"),
        ("check_in_note", StageRow.CheckInKind, "note"),
        ("period_start", PeriodKind, "startDate"),
        ("period_end", PeriodKind, "endDate"),
        ("objective_progress_from", StageRow.ObjectiveKind, "progressFrom"),
        ("objective_aligned_share", StageRow.ObjectiveKind, "alignedShare"),
    ];

    /// <summary>The kind of the period columns: a period is upserted by its label, like the JSON document's "periods".</summary>
    public const char PeriodKind = 'p';

    public static readonly string[] RequiredColumns = ["objective_external_id", "objective_title", "period", "team"];

    private const int FlushEvery = 4096;

    /// <summary>A row longer than this (1 MiB) is refused: it almost always means a quote that was never closed.</summary>
    public const int MaxCellChars = 1024 * 1024;

    /// <summary>
    /// RFC 4180 for reading and writing: commas, double quotes (a quote inside written twice), line breaks inside quoted
    /// cells kept exactly (CR LF included). Records end at CR LF, LF or CR when read; CR LF is written. Blank lines are
    /// read (and skipped by the import) so that row numbers stay those a spreadsheet shows.
    /// </summary>
    public static CsvConfiguration Format(BadDataFound? badData = null) => new(CultureInfo.InvariantCulture)
    {
        Mode = CsvMode.RFC4180,
        IgnoreBlankLines = false,
        DetectColumnCountChanges = false,
        MaxFieldSize = MaxCellChars,
        // No NewLine here: once it is set, CsvHelper ends records only on it, and files written on Linux end rows with LF.
        BadDataFound = badData,
    };

    /// <summary>The export's format: as <see cref="Format"/>, with CR LF between records (RFC 4180).</summary>
    public static CsvConfiguration WriteFormat() => new(CultureInfo.InvariantCulture)
    {
        Mode = CsvMode.RFC4180,
        IgnoreBlankLines = false,
        DetectColumnCountChanges = false,
        MaxFieldSize = MaxCellChars,
        NewLine = "\r\n",
        // Quoted when a cell holds a comma, a quote or any line break (CR or LF alone too), or starts or ends with a
        // space that a spreadsheet would otherwise drop.
        ShouldQuote = args => args.Field is { Length: > 0 } field
                              && (field.AsSpan().IndexOfAny(",\"\r\n") >= 0 || field[0] == ' ' || field[^1] == ' '),
    };

    private static readonly Dictionary<(char, string), string> ColumnByField = BuildColumnIndex();
    private static readonly Dictionary<string, int> ColumnNumber = Columns.Select((c, i) => (c.Column, i)).ToDictionary(x => x.Column, x => x.i);

    private readonly int[] _index = new int[Columns.Length];
    private int _width;

    /// <summary>The dates each period label was given with, and on which row first: every row of a period must agree.</summary>
    private readonly Dictionary<string, (DateOnly Start, DateOnly End, int? Row)> _periods = new(StringComparer.Ordinal);

    /// <summary>The CSV column a field is read from (the key-result and check-in links are the key columns of their row).</summary>
    public static string ColumnOf(char kind, string field) => ColumnByField.GetValueOrDefault((kind, field), field);

    public async Task ReadAsync(Stream body, Func<Task> flush, CancellationToken ct)
    {
        // Strict UTF-8: a file saved in another encoding is refused with a clear message instead of garbling names.
        using var text = new StreamReader(body, new UTF8Encoding(false, throwOnInvalidBytes: true), detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16, leaveOpen: true);
        string? malformed = null;
        var rowsRead = 1;
        using var counted = new RowLimitReader(text, MaxCellChars);
        using var csv = new CsvParser(counted, Format(args => malformed ??= QuotingProblem(args.Field)), leaveOpen: true);
        try
        {
            if (!await csv.ReadAsync())
            {
                throw new BadRequestFieldException("body", "The CSV is empty: it needs a header row naming its columns, then one row per key result.");
            }

            ReadHeader(csv.Record!);
            counted.NextRow();
            malformed = null;
            while (await csv.ReadAsync())
            {
                ct.ThrowIfCancellationRequested();
                var record = csv.Record!;
                counted.NextRow();
                rowsRead = csv.Row;
                var at = new ImportLocation(csv.Row, null);
                if (malformed is { } problem) sink.Errors.Add(at, "row", problem);
                malformed = null;
                if (record.Length == 1 && record[0].Length == 0) continue; // a blank line
                sink.RecordsRead++;
                ReadRow(record, at);
                if (sink.Pending.Count >= FlushEvery) await flush();
            }
        }
        catch (DecoderFallbackException)
        {
            throw new BadRequestFieldException("body", "The CSV is not UTF-8 text. Save it as \"CSV UTF-8\" and try again.");
        }
        catch (Exception e) when (e is MaxFieldSizeException || e.GetBaseException() is RowLimitReader.TooLongException)
        {
            throw new BadRequestFieldException("body",
                $"Row {rowsRead + 1} of the CSV is longer than {MaxCellChars / 1024 / 1024} MiB: a quoted cell is probably not closed (a cell that starts with \" must end with \").");
        }

        await flush();
    }

    /// <summary>
    /// A quote inside an unquoted cell (<c>A 12" screen</c>) is taken as a character, as spreadsheets write it; a quoted
    /// cell that is never closed, or text after a closing quote, is reported for its row.
    /// </summary>
    private static string? QuotingProblem(string field)
    {
        if (!field.StartsWith('"')) return null;
        return field.Count(c => c == '"') % 2 == 1
            ? "A quoted cell is not closed: a cell that starts with \" must end with \" (a quote inside it is written \"\")."
            : "Text follows a closing quote: a quote inside a quoted cell is written twice (\"\").";
    }

    private void ReadHeader(string[] header)
    {
        Array.Fill(_index, -1);
        _width = header.Length;
        var at = new ImportLocation(1, null);
        for (var i = 0; i < header.Length; i++)
        {
            var name = header[i].Trim().ToLowerInvariant();
            var column = ColumnNumber.GetValueOrDefault(name, -1);
            if (column < 0)
            {
                sink.Errors.Add(at, header[i], $"'{header[i]}' is not a column of the import format. The columns are: {string.Join(", ", Columns.Select(c => c.Column))}.");
            }
            else if (_index[column] >= 0)
            {
                sink.Errors.Add(at, header[i], $"The column '{name}' appears twice.");
            }
            else
            {
                _index[column] = i;
            }
        }

        var missing = RequiredColumns.Where(r => _index[ColumnNumber[r]] < 0).ToList();
        if (missing.Count > 0)
        {
            throw new BadRequestFieldException("body",
                $"The CSV header must name the columns {string.Join(", ", RequiredColumns)}; missing: {string.Join(", ", missing)}. " +
                $"All columns: {string.Join(", ", Columns.Select(c => c.Column))}.");
        }
    }

    private void ReadRow(string[] record, ImportLocation at)
    {
        if (record.Length > _width) sink.Errors.Add(at, "row", $"The row has {record.Length} cells but the header names {_width} columns.");
        var cells = new string?[Columns.Length];
        for (var i = 0; i < Columns.Length; i++)
        {
            cells[i] = _index[i] >= 0 && _index[i] < record.Length && record[_index[i]].Length > 0 ? record[_index[i]] : null;
        }

        var cell = new Cells(cells, at, sink);
        var objectiveExternalId = cell.Text("objective_external_id");
        sink.AddObjective(at, new ImportObjective(
            objectiveExternalId!,
            cell.Text("objective_title")!,
            cell.Text("period")!,
            cell.Text("team")!,
            cell.Text("objective_description"),
            cell.Text("objective_owner"),
            cell.Text("parent_external_id"),
            cell.Number("objective_weight"),
            cell.Word<ObjectiveState>("objective_state"),
            cell.Number("objective_final_score"),
            cell.Text("objective_closing_comment"),
            cell.Word<ProgressSource>("objective_progress_from"),
            cell.Number("objective_aligned_share")));
        ReadPeriod(cell, at);

        var keyResultExternalId = cell.Text("key_result_external_id");
        var (hasKeyResult, hasCheckIn) = (false, false);
        for (var i = 0; i < Columns.Length; i++)
        {
            if (cells[i] is null) continue;
            hasKeyResult |= Columns[i].Kind == StageRow.KeyResultKind;
            hasCheckIn |= Columns[i].Kind == StageRow.CheckInKind;
        }

        if (hasKeyResult)
        {
            sink.AddKeyResult(at, new ImportKeyResult(
                keyResultExternalId!,
                objectiveExternalId!,
                cell.Text("key_result_title")!,
                cell.Word<KeyResultType>("type"),
                cell.Word<Direction>("direction"),
                cell.Number("baseline"),
                cell.Number("target"),
                cell.Text("unit"),
                cell.Text("currency_code"),
                cell.Number("key_result_weight"),
                cell.Text("key_result_owner"),
                cell.Integer("cadence_days")));
        }

        if (!hasCheckIn) return;
        if (!hasKeyResult)
        {
            sink.Errors.Add(at, "current_value", "A check-in (current_value, confidence, measured_at, check_in_note) belongs to a key result: fill key_result_external_id.");
            return;
        }

        var value = cell.Number("current_value");
        var measuredAt = cell.Time("measured_at");
        if (cell.Raw("current_value") is null) sink.Errors.Add(at, "current_value", "A check-in needs 'current_value' (fill it, or leave every check-in column empty).");
        if (cell.Raw("measured_at") is null) sink.Errors.Add(at, "measured_at", "A check-in needs 'measured_at': the date its value applies to, e.g. 2026-07-31 or 2026-07-31T09:00:00Z.");
        if (value is null || measuredAt is null || keyResultExternalId is null) return;
        sink.AddCheckIn(at, new ImportCheckIn(keyResultExternalId, value.Value, measuredAt.Value, cell.Integer("confidence"), cell.Text("check_in_note")));
    }

    /// <summary>period_start and period_end: both or neither; the first row of a label defines it, later rows repeat it.</summary>
    private void ReadPeriod(Cells cell, ImportLocation at)
    {
        // A cell of spaces is an empty cell here, as everywhere in the import.
        bool Empty(string column) => string.IsNullOrWhiteSpace(cell.Raw(column));
        if (Empty("period_start") && Empty("period_end")) return;
        var (start, end) = (cell.Date("period_start"), cell.Date("period_end"));
        foreach (var column in new[] { "period_start", "period_end" }.Where(Empty))
        {
            sink.Errors.Add(at, column, "A period's dates come in pairs: fill both period_start and period_end (e.g. 2027-01-01 and 2027-03-31), or neither.");
        }

        var label = cell.Text("period")?.Trim();
        if (start is null || end is null || string.IsNullOrEmpty(label)) return;
        if (_periods.TryGetValue(label, out var first))
        {
            foreach (var (column, given, defined) in new[] { ("period_start", start.Value, first.Start), ("period_end", end.Value, first.End) })
            {
                if (given == defined) continue;
                sink.Errors.Add(at, column,
                    $"The period '{label}' runs {first.Start:yyyy-MM-dd} to {first.End:yyyy-MM-dd} on row {first.Row}; every row of a period gives the same dates (or none).");
            }

            return;
        }

        _periods[label] = (start.Value, end.Value, at.Row);
        sink.AddPeriod(at, new ImportPeriod(label, start.Value, end.Value));
    }

    private static Dictionary<(char, string), string> BuildColumnIndex()
    {
        var index = Columns.ToDictionary(c => (c.Kind, c.Field), c => c.Column);
        index[(PeriodKind, "label")] = "period";
        index[(StageRow.KeyResultKind, "objective")] = "objective_external_id";
        index[(StageRow.CheckInKind, "keyResult")] = "key_result_external_id";
        return index;
    }

    /// <summary>The cells of one row, parsed by column; a cell that does not parse is reported and read as empty.</summary>
    private readonly struct Cells(string?[] cells, ImportLocation at, ImportSink sink)
    {
        public string? Raw(string column) => cells[ColumnNumber[column]];

        public string? Text(string column)
        {
            var raw = Raw(column);
            if (raw is null || !raw.Contains('\0')) return FormulaGuard.Restore(raw);
            sink.Errors.Add(at, column, TextRules.NoNulMessage(column));
            return null;
        }

        public decimal? Number(string column)
        {
            var raw = Raw(column)?.Trim();
            if (raw is null or "") return null;
            if (decimal.TryParse(raw, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out var number)) return number;
            sink.Errors.Add(at, column, $"'{column}' must be a number written with a decimal point, e.g. 1250.5 (got '{raw}').");
            return null;
        }

        public int? Integer(string column)
        {
            var raw = Raw(column)?.Trim();
            if (raw is null or "") return null;
            if (int.TryParse(raw, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number)) return number;
            sink.Errors.Add(at, column, $"'{column}' must be a whole number (got '{raw}').");
            return null;
        }

        public TEnum? Word<TEnum>(string column) where TEnum : struct, Enum
        {
            var raw = Raw(column)?.Trim().ToLowerInvariant();
            if (raw is null or "") return null;
            if (SnakeCaseNames<TEnum>.ToValue.TryGetValue(raw, out var value)) return value;
            sink.Errors.Add(at, column, $"'{column}' must be one of: {string.Join(", ", SnakeCaseNames<TEnum>.ToName.Values)} (got '{raw}').");
            return null;
        }

        public DateOnly? Date(string column)
        {
            var raw = Raw(column)?.Trim();
            if (raw is null or "") return null;
            if (DateOnly.TryParseExact(raw, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)) return date;
            sink.Errors.Add(at, column, $"'{column}' must be a date written as YYYY-MM-DD, e.g. 2027-03-31 (got '{raw}').");
            return null;
        }

        public DateTimeOffset? Time(string column)
        {
            var raw = Raw(column)?.Trim();
            if (raw is null or "") return null;
            if (IsoTime.TryParse(raw, out var time)) return time;
            sink.Errors.Add(at, column, $"'{column}' {IsoTime.Rule} (got '{raw}').");
            return null;
        }
    }
}

/// <summary>
/// Counts the characters read since the last record, so that a row that never ends (an unclosed quote, or millions of
/// commas) is refused before it fills memory. The parser reads ahead in blocks, so the limit is approximate by one block.
/// </summary>
internal sealed class RowLimitReader(TextReader inner, int limit) : TextReader
{
    private long _sinceRow;

    public sealed class TooLongException : Exception;

    /// <summary>A record was read: count the next one from here.</summary>
    public void NextRow() => _sinceRow = 0;

    public override int Read(char[] buffer, int index, int count) => Count(inner.Read(buffer, index, count));

    public override int Read(Span<char> buffer) => Count(inner.Read(buffer));

    public override async ValueTask<int> ReadAsync(Memory<char> buffer, CancellationToken cancellationToken = default) =>
        Count(await inner.ReadAsync(buffer, cancellationToken));

    public override Task<int> ReadAsync(char[] buffer, int index, int count) => ReadAsync(buffer.AsMemory(index, count)).AsTask();

    public override int Peek() => inner.Peek();

    public override int Read()
    {
        var c = inner.Read();
        if (c >= 0) Count(1);
        return c;
    }

    private int Count(int read)
    {
        _sinceRow += read;
        if (_sinceRow > limit + (1 << 16)) throw new TooLongException();
        return read;
    }
}

/// <summary>
/// CSV injection (OWASP): a spreadsheet runs a cell that starts with =, +, -, @, a tab or a carriage return as a formula.
/// The export writes such text cells behind a single quote, which spreadsheets show as text and never run; the import
/// takes that quote off again, so export → import gives back exactly what was exported. A text that itself starts with
/// a quote is written with a second one, so the round trip stays exact for it too. Numbers, dates and words are never
/// text cells and are written as they are (a negative baseline stays -5).
/// </summary>
internal static class FormulaGuard
{
    private const char Quote = '\'';
    private static readonly SearchValues<char> Dangerous = SearchValues.Create("=+-@\t\r'");

    /// <summary>The text as the export writes it into a cell.</summary>
    public static string? Neutralise(string? text) => text is { Length: > 0 } && Dangerous.Contains(text[0]) ? Quote + text : text;

    /// <summary>The text a cell holds, as the export had it before <see cref="Neutralise"/>.</summary>
    public static string? Restore(string? cell) => cell is { Length: > 1 } && cell[0] == Quote && Dangerous.Contains(cell[1]) ? cell[1..] : cell;
}
