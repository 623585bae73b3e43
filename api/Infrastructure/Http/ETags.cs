using Microsoft.Net.Http.Headers;
using Okr.Api.Infrastructure.Errors;

namespace Okr.Api.Infrastructure.Http;

/// <summary>Versions travel as strong ETags: reads send <c>ETag: "42"</c>, updates send <c>If-Match: "42"</c>.</summary>
public static class ETags
{
    public static string Format(uint version) => $"\"{version}\"";

    /// <summary>Reads the version from If-Match; 428 when it is missing, 400 when it is not a version of ours.</summary>
    public static uint RequireIfMatch(HttpRequest request)
    {
        var raw = request.Headers.IfMatch.ToString();
        if (string.IsNullOrWhiteSpace(raw)) throw new PreconditionRequiredException();
        if (!EntityTagHeaderValue.TryParseList([raw], out var tags) || tags.Count != 1
            || !uint.TryParse(tags[0].Tag.AsSpan().Trim('"'), out var version))
        {
            throw new BadRequestFieldException("If-Match", "If-Match must hold one ETag as returned by a GET, e.g. \"42\".");
        }

        return version;
    }

    public static void Set(HttpResponse response, uint version) => response.Headers.ETag = Format(version);
}
