using System.Buffers;
using System.Text.Json;
using Okr.Api.Infrastructure.Errors;
using Okr.Api.Infrastructure.Http;

namespace Okr.Api.Features.Imports;

/// <summary>
/// Reads the JSON import document as a stream: one element of one part at a time, so memory holds the largest
/// single element, never the whole file. Each element is deserialised on its own, so a bad element is reported at
/// its path and the rest are still checked.
/// </summary>
internal sealed class JsonImportReader(ImportSink sink, JsonSerializerOptions options)
{
    /// <summary>The parts of the document, in the order their errors are listed.</summary>
    public static readonly string[] Sections = ["teams", "users", "periods", "objectives", "keyResults", "checkIns"];

    private const int FlushEvery = 4096;

    /// <summary>No single element of a real import comes near this; a larger one is a broken file, not data.</summary>
    public const int MaxElementBytes = 16 * 1024 * 1024;

    private static readonly Dictionary<string, string> AllowedWords = new()
    {
        ["role"] = "admin, member or viewer (people); lead or member (team memberships)",
        ["state"] = "draft, active, closed or archived (objectives); planning, active or closed (periods)",
        ["type"] = "metric or milestone",
        ["direction"] = "increase, decrease, stay_above or stay_below",
    };

    private Phase _phase;
    private bool _bomChecked;
    private string _section = "";
    private int _index;

    private enum Phase { Start, Property, SectionStart, Element, End }

    public async Task ReadAsync(Stream body, Func<Task> flush, CancellationToken ct)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(1 << 16);
        var state = new JsonReaderState(new JsonReaderOptions { MaxDepth = 32 });
        var filled = 0;
        var final = false;
        try
        {
            while (true)
            {
                if (!final)
                {
                    if (filled == buffer.Length)
                    {
                        if (buffer.Length >= MaxElementBytes)
                        {
                            throw new BadRequestFieldException("body", $"{Where()} is larger than {MaxElementBytes / 1024 / 1024} MiB: no element of an import is that large.");
                        }

                        // One element is larger than the buffer: grow it (bounded by the request size limit).
                        var larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                        buffer.AsSpan(0, filled).CopyTo(larger);
                        ArrayPool<byte>.Shared.Return(buffer);
                        buffer = larger;
                    }

                    var read = await body.ReadAsync(buffer.AsMemory(filled), ct);
                    if (read == 0) final = true;
                    filled += read;
                }

                var start = 0;
                if (!_bomChecked && (filled >= 3 || final))
                {
                    // A UTF-8 byte order mark (as some editors save) is not JSON: step over it.
                    _bomChecked = true;
                    if (buffer.AsSpan(0, filled).StartsWith("\uFEFF"u8)) start = 3;
                }
                else if (!_bomChecked)
                {
                    continue;
                }

                int consumed;
                try
                {
                    consumed = start + Process(buffer.AsSpan(start, filled - start), final, ref state);
                }
                catch (JsonException e)
                {
                    throw new BadRequestFieldException("body",
                        $"The body is not valid JSON (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}): {Reason(e.Message)}");
                }
                catch (InvalidOperationException e)
                {
                    // e.g. a property name that is not valid UTF-16 once unescaped ("\ud800")
                    throw new BadRequestFieldException("body", $"The body is not valid JSON: {e.Message}");
                }

                buffer.AsSpan(consumed, filled - consumed).CopyTo(buffer);
                filled -= consumed;
                if (sink.Pending.Count >= FlushEvery) await flush();
                if (final) break;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        if (_phase != Phase.End) throw new BadRequestFieldException("body", "The body ended before the JSON document did.");
        await flush();
    }

    private int Process(ReadOnlySpan<byte> data, bool final, ref JsonReaderState state)
    {
        var reader = new Utf8JsonReader(data, final, state);
        var more = true;
        while (more)
        {
            more = _phase switch
            {
                Phase.Start => Start(ref reader),
                Phase.Property => Property(ref reader),
                Phase.SectionStart => SectionStart(ref reader),
                Phase.Element => Element(ref reader),
                _ => End(ref reader),
            };
        }

        state = reader.CurrentState;
        return (int)reader.BytesConsumed;
    }

    private string Where() => _phase == Phase.Element ? $"The element $.{_section}[{_index}]" : "A part of the document";

    private bool Start(ref Utf8JsonReader reader)
    {
        if (!reader.Read()) return false;
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new BadRequestFieldException("body", "The import document is a JSON object: { \"teams\": [...], \"periods\": [...], \"objectives\": [...], ... }.");
        }

        _phase = Phase.Property;
        return true;
    }

    private bool Property(ref Utf8JsonReader reader)
    {
        if (!reader.Read()) return false;
        if (reader.TokenType == JsonTokenType.EndObject)
        {
            _phase = Phase.End;
            return true;
        }

        _section = reader.GetString()!;
        _phase = Phase.SectionStart;
        return true;
    }

    private bool SectionStart(ref Utf8JsonReader reader)
    {
        var probe = reader;
        if (!probe.Read()) return false;
        var at = new ImportLocation(null, "$." + _section);
        if (!Sections.Contains(_section))
        {
            if (!probe.TrySkip()) return false;
            sink.Errors.Add(at, _section, $"'{_section}' is not a part of the import document; the parts are {string.Join(", ", Sections)}.");
            _phase = Phase.Property;
        }
        else if (probe.TokenType == JsonTokenType.Null)
        {
            _phase = Phase.Property;
        }
        else if (probe.TokenType != JsonTokenType.StartArray)
        {
            if (!probe.TrySkip()) return false;
            sink.Errors.Add(at, _section, $"'{_section}' must be a list: [ {{...}}, {{...}} ].");
            _phase = Phase.Property;
        }
        else
        {
            _index = 0;
            _phase = Phase.Element;
        }

        reader = probe;
        return true;
    }

    private bool Element(ref Utf8JsonReader reader)
    {
        var probe = reader;
        if (!probe.Read()) return false;
        if (probe.TokenType == JsonTokenType.EndArray)
        {
            reader = probe;
            _phase = Phase.Property;
            return true;
        }

        var element = probe;
        if (!probe.TrySkip()) return false; // the element is not complete yet: read more first
        Handle(ref element, new ImportLocation(null, $"$.{_section}[{_index}]"));
        _index++;
        sink.RecordsRead++;
        reader = probe;
        return true;
    }

    private bool End(ref Utf8JsonReader reader)
    {
        // Anything after the document other than whitespace is an error the reader raises itself.
        reader.Read();
        return false;
    }

    private void Handle(ref Utf8JsonReader element, ImportLocation at)
    {
        if (element.TokenType != JsonTokenType.StartObject)
        {
            sink.Errors.Add(at, _section, "Each element must be a JSON object.");
            return;
        }

        try
        {
            switch (_section)
            {
                case "teams": sink.AddTeam(at, JsonSerializer.Deserialize<ImportTeam>(ref element, options)!); break;
                case "users": sink.AddUser(at, JsonSerializer.Deserialize<ImportUser>(ref element, options)!); break;
                case "periods": sink.AddPeriod(at, JsonSerializer.Deserialize<ImportPeriod>(ref element, options)!); break;
                case "objectives": sink.AddObjective(at, JsonSerializer.Deserialize<ImportObjective>(ref element, options)!); break;
                case "keyResults": sink.AddKeyResult(at, JsonSerializer.Deserialize<ImportKeyResult>(ref element, options)!); break;
                default: sink.AddCheckIn(at, JsonSerializer.Deserialize<ImportCheckIn>(ref element, options)!); break;
            }
        }
        catch (JsonException e)
        {
            var (field, rule) = Explain(e);
            sink.Errors.Add(at, field, rule);
        }
        catch (InvalidOperationException e)
        {
            sink.Errors.Add(at, _section, $"The element could not be read: {e.Message}");
        }
    }

    private static (string Field, string Rule) Explain(JsonException e)
    {
        const string unknownMarker = "The JSON property '";
        var path = e.Path?.TrimStart('$').TrimStart('.') ?? "";
        var unknown = e.Message.IndexOf(unknownMarker, StringComparison.Ordinal) is var u and >= 0
            ? e.Message[(u + unknownMarker.Length)..].Split('\'')[0]
            : null;
        if (unknown is not null) return (path.Length > 0 ? path : unknown, $"'{unknown}' is not a field here.");
        if (e.Message.Contains("missing required properties", StringComparison.Ordinal))
        {
            var names = e.Message.Split("properties including:", 2).ElementAtOrDefault(1)?.Trim().TrimEnd('.') ?? "";
            return (names.Trim('\'').Split('\'')[0], $"Required fields are missing: {names}.");
        }

        var field = path.Length == 0 ? "body" : path;
        if (e is JsonValueFormatException format) return (field, format.Message);
        var leaf = field.Split('.')[^1];
        return AllowedWords.TryGetValue(leaf, out var words)
            ? (field, $"'{leaf}' must be one of: {words}.")
            : (field, "The value has the wrong type or format for this field (numbers unquoted, dates as 2026-01-31, times as 2026-01-31T09:00:00Z).");
    }

    private static string Reason(string message) => message.Split(" Path:", 2)[0].Split(" LineNumber:", 2)[0];
}
