namespace Okr.Api.Features.Imports;

/// <summary>One problem in an import: where (a CSV row number or a JSON path), which field, and the rule it broke.</summary>
/// <param name="Row">CSV: the row number as a spreadsheet shows it (the header is row 1). Null for JSON.</param>
/// <param name="Path">JSON: the path of the element, e.g. "$.keyResults[12]". Null for CSV.</param>
/// <param name="Field">The field (JSON name) or column (CSV header) at fault.</param>
/// <param name="Message">The rule, in words.</param>
public sealed record ImportError(int? Row, string? Path, string Field, string Message);

/// <summary>Where a record sits in the file: a CSV row or a JSON path.</summary>
public readonly record struct ImportLocation(int? Row, string? Path)
{
    public override string ToString() => Row is { } row ? $"row {row}" : Path ?? "the document";
}

/// <summary>Every error found, up to <see cref="Limit"/> listed (the total is always counted).</summary>
public sealed class ImportErrorList
{
    public const int Limit = 1000;
    private readonly List<ImportError> _errors = [];
    private readonly HashSet<(int?, string?, string)> _fields = [];

    public int Count { get; private set; }

    public IReadOnlyList<ImportError> Listed => _errors;

    public void Add(ImportLocation at, string field, string message) => Add(new ImportError(at.Row, at.Path, field, message));

    /// <summary>Adds an error, unless the same field of the same record already has one (a cell that did not parse is not also "missing").</summary>
    public void Add(ImportError error)
    {
        if (_errors.Count < Limit && !_fields.Add((error.Row, error.Path, error.Field))) return;
        Count++;
        if (_errors.Count < Limit) _errors.Add(error);
    }

    /// <summary>Errors in file order: rows first by number, then JSON paths in document order of their sections.</summary>
    public IReadOnlyList<ImportError> Sorted() =>
        [.. _errors.OrderBy(e => e.Row ?? int.MaxValue).ThenBy(e => SectionOrder(e.Path)).ThenBy(e => IndexOf(e.Path)).ThenBy(e => e.Field, StringComparer.Ordinal)];

    private static int SectionOrder(string? path) =>
        path is null ? 0 : Array.FindIndex(JsonImportReader.Sections, s => path.StartsWith("$." + s + "[", StringComparison.Ordinal) || path == "$." + s) is var i and >= 0 ? i : -1;

    private static int IndexOf(string? path)
    {
        if (path is null) return 0;
        var open = path.IndexOf('[');
        var close = open < 0 ? -1 : path.IndexOf(']', open);
        return close > open && int.TryParse(path.AsSpan(open + 1, close - open - 1), out var index) ? index : -1;
    }
}
