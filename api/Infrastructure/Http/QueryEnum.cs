using Okr.Api.Infrastructure.Persistence;

namespace Okr.Api.Infrastructure.Http;

/// <summary>
/// An enum in a query string, spoken as in JSON bodies: <c>?state=stay_above</c>. Minimal APIs would only take
/// the C# names; the OpenAPI document shows the enum itself (see <c>QueryEnumParameterFilter</c>).
/// </summary>
public readonly record struct QueryEnum<TEnum>(TEnum Value) where TEnum : struct, Enum
{
    public static bool TryParse(string? text, out QueryEnum<TEnum> result)
    {
        var found = SnakeCaseNames<TEnum>.ToValue.TryGetValue(text ?? "", out var value);
        result = new QueryEnum<TEnum>(value);
        return found;
    }
}
