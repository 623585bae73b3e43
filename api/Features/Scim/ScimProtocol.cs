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

    public static async Task<JsonObject> ReadBodyAsync(HttpRequest request, CancellationToken ct)
    {
        try
        {
            return await JsonNode.ParseAsync(request.Body, cancellationToken: ct) as JsonObject
                   ?? throw ScimException.InvalidSyntax("The body must be a JSON object.");
        }
        catch (JsonException e)
        {
            throw ScimException.InvalidSyntax($"The body is not valid JSON: {e.Message}");
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

    public static JsonObject Meta(string resourceType, Guid id, DateTimeOffset created, DateTimeOffset modified, uint version) => new()
    {
        ["resourceType"] = resourceType,
        ["created"] = created.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture),
        ["lastModified"] = modified.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture),
        ["location"] = $"{BasePath}/{resourceType}s/{id}",
        ["version"] = $"W/\"{version}\"",
    };

    /// <summary>startIndex is 1-based; below 1 counts as 1. count below 0 counts as 0; above <see cref="MaxResults"/> as that.</summary>
    public static (int StartIndex, int Count) Paging(int? startIndex, int? count) =>
        (Math.Max(1, startIndex ?? 1), Math.Clamp(count ?? MaxResults, 0, MaxResults));

    [GeneratedRegex("""^\s*([A-Za-z][\w.:\-]*)\s+eq\s+"((?:[^"\\]|\\.)*)"\s*$""", RegexOptions.CultureInvariant)]
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

        return (attribute, Regex.Unescape(match.Groups[2].Value));
    }

    /// <summary>The operations of a PATCH request (RFC 7644 §3.5.2), op names in any casing ("Replace", as Entra writes them).</summary>
    public static IEnumerable<(string Op, string? Path, JsonNode? Value)> PatchOperations(JsonObject body)
    {
        if (Get(body, "schemas") is not JsonArray schemas || !schemas.Any(s => s?.GetValue<string>() == PatchOpSchema))
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
