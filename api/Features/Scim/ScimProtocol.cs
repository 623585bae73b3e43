using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Okr.Api.Features.Scim;

/// <summary>
/// A SCIM error (RFC 7644 §3.12): answered as <c>application/scim+json</c> with the Error schema, the status as a
/// string, and a <c>scimType</c> for 400 and 409 (invalidFilter, invalidPath, invalidValue, invalidSyntax, uniqueness,
/// mutability, noTarget), so directories log something an admin can act on.
/// </summary>
public sealed class ScimException(int status, string? scimType, string detail) : Exception(detail)
{
    public int Status { get; } = status;
    public string? ScimType { get; } = scimType;

    public static ScimException NotFound(string resource, string id) => new(404, null, $"{resource} '{id}' was not found.");
    public static ScimException InvalidValue(string detail) => new(400, "invalidValue", detail);
    public static ScimException InvalidPath(string detail) => new(400, "invalidPath", detail);
    public static ScimException InvalidSyntax(string detail) => new(400, "invalidSyntax", detail);
    public static ScimException Uniqueness(string detail) => new(409, "uniqueness", detail);
}

/// <summary>The SCIM 2.0 wire format: schema URNs, case-insensitive attribute names, list responses, filters and PATCH paths.</summary>
public static partial class ScimProtocol
{
    public const string MediaType = "application/scim+json";
    public const string UserSchema = "urn:ietf:params:scim:schemas:core:2.0:User";
    public const string GroupSchema = "urn:ietf:params:scim:schemas:core:2.0:Group";
    public const string EnterpriseUserSchema = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
    public const string ListResponseSchema = "urn:ietf:params:scim:api:messages:2.0:ListResponse";
    public const string PatchOpSchema = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
    public const string ErrorSchema = "urn:ietf:params:scim:api:messages:2.0:Error";
    public const string BasePath = "/scim/v2";

    /// <summary>The most resources one page holds (<c>count</c> above it is lowered to it, as RFC 7644 §3.4.2.4 allows).</summary>
    public const int MaxResults = 200;

    public static readonly JsonSerializerOptions Json = new() { WriteIndented = false };

    /// <summary>Attribute names are case-insensitive in SCIM (RFC 7643 §2.1): the value of <paramref name="name"/> in any casing.</summary>
    public static JsonNode? Get(JsonObject node, string name) =>
        node.FirstOrDefault(p => string.Equals(p.Key, name, StringComparison.OrdinalIgnoreCase)).Value;

    public static bool Has(JsonObject node, string name) => node.Any(p => string.Equals(p.Key, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>A string attribute; null when absent or null; 400 when it is another type.</summary>
    public static string? String(JsonNode? node, string attribute) => node switch
    {
        null => null,
        JsonValue value when value.TryGetValue<string>(out var text) => text,
        _ => throw ScimException.InvalidValue($"'{attribute}' must be a string."),
    };

    /// <summary>A boolean attribute; Microsoft Entra sends "True"/"False" as strings, which count too.</summary>
    public static bool Boolean(JsonNode? node, string attribute) => node switch
    {
        JsonValue value when value.TryGetValue<bool>(out var flag) => flag,
        JsonValue value when value.TryGetValue<string>(out var text) && bool.TryParse(text, out var parsed) => parsed,
        _ => throw ScimException.InvalidValue($"'{attribute}' must be true or false."),
    };

    /// <summary>
    /// The request body as a JSON object, read in full here: duplicate keys, lone surrogates and NUL characters (which
    /// System.Text.Json would only trip over later, or PostgreSQL refuse) are 400 invalidSyntax / invalidValue now.
    /// </summary>
    public static async Task<JsonObject> ReadBodyAsync(HttpRequest request, CancellationToken ct)
    {
        JsonNode? node;
        try
        {
            node = await JsonNode.ParseAsync(request.Body, cancellationToken: ct);
            Visit(node);
        }
        catch (JsonException e)
        {
            throw ScimException.InvalidSyntax($"The body is not valid JSON: {e.Message}");
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            throw ScimException.InvalidSyntax("The body is not valid JSON: an object repeats a key, or a string holds a lone UTF-16 surrogate.");
        }

        return node as JsonObject ?? throw ScimException.InvalidSyntax("The body must be a JSON object.");

        static void Visit(JsonNode? node)
        {
            switch (node)
            {
                case JsonObject o:
                    foreach (var (_, value) in o) Visit(value);
                    break;
                case JsonArray a:
                    foreach (var value in a) Visit(value);
                    break;
                case JsonValue v when v.GetValueKind() == JsonValueKind.String:
                    if (v.GetValue<string>().Contains('\0')) throw ScimException.InvalidValue("Text must not contain NUL (\\u0000) characters.");
                    break;
            }
        }
    }

    public static JsonObject ListResponse(IReadOnlyList<JsonObject> resources, int total, int startIndex) => new()
    {
        ["schemas"] = new JsonArray(ListResponseSchema),
        ["totalResults"] = total,
        ["startIndex"] = startIndex,
        ["itemsPerPage"] = resources.Count,
        ["Resources"] = new JsonArray([.. resources]),
    };

    /// <summary>The absolute address of /scim/v2 as the directory reached it (resource locations are full URIs, RFC 7643 §3.1).</summary>
    public static string BaseUrlOf(HttpRequest? request) =>
        request is null ? BasePath : $"{request.Scheme}://{request.Host}{request.PathBase}{BasePath}";

    public static JsonObject Meta(string baseUrl, string resourceType, Guid id, DateTimeOffset created, DateTimeOffset modified, uint version) => new()
    {
        ["resourceType"] = resourceType,
        ["created"] = created.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture),
        ["lastModified"] = modified.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture),
        ["location"] = $"{baseUrl}/{resourceType}s/{id}",
        ["version"] = $"W/\"{version}\"",
    };

    /// <summary>
    /// startIndex is 1-based; below 1 counts as 1. count below 0 counts as 0; above <see cref="MaxResults"/> as that
    /// (RFC 7644 §3.4.2.4). Not a number: 400 invalidValue.
    /// </summary>
    public static (int StartIndex, int Count) Paging(string? startIndex, string? count) =>
        (Math.Max(1, Number(startIndex, "startIndex") ?? 1), Math.Clamp(Number(count, "count") ?? MaxResults, 0, MaxResults));

    private static int? Number(string? text, string name) =>
        string.IsNullOrWhiteSpace(text) ? null
        : long.TryParse(text, System.Globalization.NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) ? (int)Math.Clamp(n, int.MinValue, int.MaxValue)
        : throw ScimException.InvalidValue($"'{name}' is a whole number.");

    [GeneratedRegex("""^\s*([A-Za-z][\w.:\-]*)\s+eq\s+"((?:[^"\\]|\\.)*)"\s*$""", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex EqualityFilter();

    /// <summary>
    /// The filters directories send to find someone before creating them (<c>userName eq "…"</c>, <c>externalId eq "…"</c>,
    /// <c>displayName eq "…"</c>): one attribute, <c>eq</c>, a quoted string. Anything else is 400 invalidFilter naming what is supported.
    /// </summary>
    public static (string Attribute, string Value)? Filter(string? filter, IReadOnlyCollection<string> attributes)
    {
        if (string.IsNullOrWhiteSpace(filter)) return null;
        var match = EqualityFilter().Match(filter);
        var attribute = match.Success ? attributes.FirstOrDefault(a => string.Equals(a, match.Groups[1].Value, StringComparison.OrdinalIgnoreCase)) : null;
        if (attribute is null)
        {
            throw new ScimException(400, "invalidFilter",
                $"Okr filters on {string.Join(", ", attributes.Select(a => $"'{a} eq \"…\"'"))} only; '{filter}' is not one of them.");
        }

        // The value is a JSON string (RFC 7644 §3.4.2.2): unescaped as one, and a bad escape is the filter's fault.
        try
        {
            var value = JsonSerializer.Deserialize<string>($"\"{match.Groups[2].Value}\"")!;
            if (value.Contains('\0')) throw new JsonException();
            return (attribute, value);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or ArgumentException)
        {
            throw new ScimException(400, "invalidFilter", "The filter's value is not a valid JSON string.");
        }
    }

    /// <summary>The operations of a PATCH request (RFC 7644 §3.5.2), op names in any casing ("Replace", as Entra writes them).</summary>
    public static IEnumerable<(string Op, string? Path, JsonNode? Value)> PatchOperations(JsonObject body)
    {
        if (Get(body, "schemas") is not JsonArray schemas || !schemas.Any(s => s is JsonValue v && v.TryGetValue<string>(out var urn) && urn == PatchOpSchema))
        {
            throw ScimException.InvalidSyntax($"A PATCH body lists '{PatchOpSchema}' in 'schemas'.");
        }

        if (Get(body, "Operations") is not JsonArray operations || operations.Count == 0)
        {
            throw ScimException.InvalidSyntax("A PATCH body has a non-empty 'Operations' array.");
        }

        foreach (var operation in operations)
        {
            if (operation is not JsonObject op) throw ScimException.InvalidSyntax("Each operation is an object.");
            var name = String(Get(op, "op"), "op")?.ToLowerInvariant();
            if (name is not ("add" or "replace" or "remove")) throw ScimException.InvalidSyntax("'op' is add, replace or remove.");
            var path = String(Get(op, "path"), "path");
            if (name == "remove" && string.IsNullOrWhiteSpace(path)) throw new ScimException(400, "noTarget", "A remove operation names a 'path'.");
            yield return (name, string.IsNullOrWhiteSpace(path) ? null : path.Trim(), Get(op, "value"));
        }
    }
}
