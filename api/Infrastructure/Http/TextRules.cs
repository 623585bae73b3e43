using System.Text.Json;
using System.Text.Json.Serialization;

namespace Okr.Api.Infrastructure.Http;

/// <summary>Text Okr stores: PostgreSQL's text cannot hold NUL (U+0000), so it is refused at the edge, naming the field.</summary>
public static class TextRules
{
    public static string NoNulMessage(string field) => $"'{field}' must not contain NUL (\\u0000) characters.";
}

/// <summary>Refuses strings holding NUL in every JSON body (and JSON import), so the error names the field instead of the database failing.</summary>
public sealed class NoNulStringJsonConverter : JsonConverter<string>
{
    public override bool HandleNull => false;

    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String) throw new JsonException();
        var value = reader.GetString()!;
        if (value.Contains('\0')) throw new JsonValueFormatException("Text must not contain NUL (\\u0000) characters.");
        return value;
    }

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}
