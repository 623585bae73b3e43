using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Okr.Api.Infrastructure.Errors;

namespace Okr.Api.Infrastructure.Http;

/// <summary>
/// A partial update: the typed body plus the names of the fields the client sent, so that "absent" (leave
/// alone) and <c>null</c> (clear) differ. Unknown fields and wrong types are refused like any other body.
/// </summary>
public sealed class Patch<T>(T value, IReadOnlySet<string> fields) where T : class
{
    public T Value { get; } = value;

    /// <summary>camelCase names of the fields present in the body.</summary>
    public IReadOnlySet<string> Fields { get; } = fields;

    public bool Has(string field) => Fields.Contains(field);

    public static async ValueTask<Patch<T>?> BindAsync(HttpContext context, ParameterInfo parameter)
    {
        if (!context.Request.HasJsonContentType())
        {
            throw new BadHttpRequestException("Send the changes as JSON (Content-Type: application/json).", StatusCodes.Status415UnsupportedMediaType);
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
