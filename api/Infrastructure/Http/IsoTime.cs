using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Okr.Api.Infrastructure.Http;

/// <summary>
/// The forms of a point in time Okr reads, in every body, file and parameter: an ISO 8601 (RFC 3339) date-time with
/// its offset — <c>2026-07-31T09:00:00Z</c>, <c>2026-07-31T11:00:00.5+02:00</c> — or a date alone, <c>2026-07-31</c>,
/// meaning the start of that day in UTC. Nothing is read in a locale's order (<c>07.03.2026</c>) or in the server's
/// time zone (a time without an offset): such values are refused, never guessed.
/// </summary>
public static class IsoTime
{
    public const string Rule = "must be a date such as 2026-07-31 or a time with its offset such as 2026-07-31T09:00:00Z or 2026-07-31T11:00:00+02:00";

    private static readonly string[] Formats =
    [
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", "yyyy-MM-dd'T'HH:mm'Z'",
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", "yyyy-MM-dd'T'HH:mmzzz",
    ];

    public static bool TryParse(string? text, out DateTimeOffset value)
    {
        value = default;
        if (string.IsNullOrEmpty(text)) return false;
        if (text.Length == 10)
        {
            if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)) return false;
            value = new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            return true;
        }

        return DateTimeOffset.TryParseExact(text, Formats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out value);
    }
}

/// <summary>Reads <see cref="DateTimeOffset"/> only in the forms <see cref="IsoTime"/> accepts; writes ISO 8601 as before.</summary>
public sealed class IsoTimeJsonConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String && IsoTime.TryParse(reader.GetString(), out var value)) return value;
        throw new JsonValueFormatException($"The value {IsoTime.Rule}.");
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}

/// <summary>A JSON value of the right type in the wrong form; its message is the rule, fit to show the caller.</summary>
public sealed class JsonValueFormatException(string rule) : JsonException(rule);
