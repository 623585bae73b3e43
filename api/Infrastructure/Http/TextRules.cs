using System.Text.Json;
using System.Text.Json.Serialization;

namespace Okr.Api.Infrastructure.Http;

/// <summary>Text Okr stores: PostgreSQL's text cannot hold NUL (U+0000), so it is refused at the edge, naming the field.</summary>
public static class TextRules
{
    /// <summary>
    /// Characters that change how the text around them renders, or that cannot be seen: bidirectional embeddings,
    /// overrides and isolates (U+202A–U+202E, U+2066–U+2069), direction marks (U+200E, U+200F, U+061C), zero-width and
    /// other invisible characters (U+200B–U+200D, U+2060–U+2064, U+206A–U+206F, U+FEFF, U+00AD, U+180E, Hangul fillers,
    /// tag characters), and line or paragraph separators (U+2028, U+2029). In a name, title, unit, label, slug, key or email they have no
    /// legitimate use and can turn "(lead)" into "(dael)" or make two emails look alike, so such fields refuse them.
    /// </summary>
    public static bool IsSafeLine(string? text) =>
        text is null || !text.AsSpan().ContainsAny(Unsafe);

    public const string UnsafeMessage = "must not contain invisible or direction-changing characters (such as U+202E or U+200B)";

    private static readonly System.Buffers.SearchValues<char> Unsafe = System.Buffers.SearchValues.Create(
        "\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069\u200B\u200C\u200D\u2060\u2061\u2062\u2063\u2064\uFEFF\u00AD\u180E"
        // direction marks, deprecated format characters, line and paragraph separators, Hangul fillers, and the high
        // surrogate of the tag characters (U+E0000–U+E03FF, invisible)
        + "\u200E\u200F\u061C\u206A\u206B\u206C\u206D\u206E\u206F\u2028\u2029\u3164\u115F\u1160\uFFA0\uDB40");

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

public static class TextRuleExtensions
{
    /// <summary>A single-line text people see as a name or label: refuses invisible and direction-changing characters (<see cref="TextRules.IsSafeLine"/>).</summary>
    public static FluentValidation.IRuleBuilderOptions<T, string?> SingleLine<T>(this FluentValidation.IRuleBuilder<T, string?> rule) =>
        FluentValidation.DefaultValidatorOptions.WithMessage(FluentValidation.DefaultValidatorExtensions.Must(rule, TextRules.IsSafeLine), "'{PropertyName}' " + TextRules.UnsafeMessage + ".");
}
