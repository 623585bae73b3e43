using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.Options;
using Okr.Api.Infrastructure.Errors;

namespace Okr.Api.Infrastructure.Http;

/// <summary>
/// A partial update: the typed body plus the names of the fields the client sent, so that "absent" (leave
/// alone) and <c>null</c> (clear) differ. Unknown fields and wrong types are refused like any other body.
/// That is JSON Merge Patch (RFC 7396) for a flat body whose lists are replaced whole, so the endpoint also takes
/// <c>application/merge-patch+json</c> (next to <c>application/json</c>), unless the body type says it is not one
/// (<see cref="NotMergePatchAttribute"/>).
/// </summary>
public sealed class Patch<T>(T value, IReadOnlySet<string> fields) : IEndpointParameterMetadataProvider where T : class
{
    public const string MergePatchMediaType = "application/merge-patch+json";

    /// <summary>The media types the endpoint accepts, for the matcher (415 otherwise) and the OpenAPI document.</summary>
    public static void PopulateMetadata(ParameterInfo parameter, EndpointBuilder builder)
    {
        string[] types = typeof(T).IsDefined(typeof(NotMergePatchAttribute), false) ? ["application/json"] : ["application/json", MergePatchMediaType];
        builder.Metadata.Add(new AcceptsMetadata(types, typeof(T)));
    }

    public T Value { get; } = value;

    /// <summary>camelCase names of the fields present in the body.</summary>
    public IReadOnlySet<string> Fields { get; } = fields;

    public bool Has(string field) => Fields.Contains(field);

    public static async ValueTask<Patch<T>?> BindAsync(HttpContext context, ParameterInfo parameter)
    {
        if (!context.Request.HasJsonContentType())
        {
            throw new BadHttpRequestException("Send the changes as JSON (Content-Type: application/json, or application/merge-patch+json where the operation lists it).", StatusCodes.Status415UnsupportedMediaType);
        }

        var options = context.RequestServices.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;
        JsonNode? node;
        try
        {
            node = await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
        }
        catch (JsonException e)
        {
            throw new BadHttpRequestException("The body is not valid JSON.", StatusCodes.Status400BadRequest, e);
        }
        catch (ArgumentException)
        {
            throw new BadRequestFieldException("body", "A field appears more than once in the body.");
        }

        if (node is not JsonObject body)
        {
            throw new BadRequestFieldException("body", "The body must be a JSON object holding the fields to change.");
        }

        try
        {
            var value = body.Deserialize<T>(options) ?? throw new BadRequestFieldException("body", "The body must not be null.");
            return new Patch<T>(value, body.Select(p => p.Key).ToHashSet(StringComparer.Ordinal));
        }
        catch (JsonException e)
        {
            throw new BadHttpRequestException("The body does not match the request schema.", StatusCodes.Status400BadRequest, e);
        }
        catch (ArgumentException)
        {
            throw new BadRequestFieldException("body", "A field appears more than once in the body.");
        }
    }
}

/// <summary>
/// The body of this PATCH is a list of changes rather than a merge patch (RFC 7396 would replace its lists whole), so
/// its endpoint takes application/json only.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class NotMergePatchAttribute : Attribute;
