using System.Text.Json;
using Microsoft.Extensions.Options;
using Okr.Api.Infrastructure.Errors;

namespace Okr.Api.Infrastructure.Http;

/// <summary>
/// Reads a JSON body by hand, as the framework's binding would (415 for another media type, 400 naming what does not
/// match), for the few endpoints that take more than one media type (<c>POST /auth/token</c>: JSON or an RFC 6749 form).
/// </summary>
public static class JsonBody
{
    public static async Task<T> ReadAsync<T>(HttpContext context) where T : class
    {
        if (!context.Request.HasJsonContentType())
        {
            throw new BadHttpRequestException("Send the body as JSON (Content-Type: application/json).", StatusCodes.Status415UnsupportedMediaType);
        }

        var options = context.RequestServices.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;
        try
        {
            return await JsonSerializer.DeserializeAsync<T>(context.Request.Body, options, context.RequestAborted)
                   ?? throw new BadRequestFieldException("body", "The body must not be null.");
        }
        catch (JsonException e)
        {
            throw new BadHttpRequestException("The body does not match the request schema.", StatusCodes.Status400BadRequest, e);
        }
    }
}
