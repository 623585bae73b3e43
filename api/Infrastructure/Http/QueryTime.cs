namespace Okr.Api.Infrastructure.Http;

/// <summary>
/// A point in time in a query string, read by the same rule as bodies and files (<see cref="IsoTime"/>): a date-time
/// with its offset, or a date alone meaning the start of that day in UTC. Minimal APIs' own DateTimeOffset binding
/// would take "07/03/2026" or a time without an offset in the server's zone; this refuses them, naming the parameter.
/// </summary>
public readonly record struct QueryTime(DateTimeOffset Value)
{
    public static bool TryParse(string? text, out QueryTime result)
    {
        var ok = IsoTime.TryParse(text, out var value);
        result = new QueryTime(value.ToUniversalTime());
        return ok;
    }
}
