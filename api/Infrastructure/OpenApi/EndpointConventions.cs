namespace Okr.Api.Infrastructure.OpenApi;

public static class EndpointConventions
{
    /// <summary>Documents the problem+json answers an operation can give (400 as a validation problem with field errors).</summary>
    public static RouteHandlerBuilder ProducesErrors(this RouteHandlerBuilder builder, params int[] statuses)
    {
        foreach (var status in statuses.Distinct())
        {
            if (status is StatusCodes.Status400BadRequest or StatusCodes.Status422UnprocessableEntity or StatusCodes.Status409Conflict)
            {
                builder.ProducesValidationProblem(status);
            }
            else
            {
                builder.ProducesProblem(status);
            }
        }

        return builder;
    }

    /// <summary>Marks an update that needs If-Match, so the header appears in the OpenAPI document.</summary>
    public static RouteHandlerBuilder RequiresIfMatch(this RouteHandlerBuilder builder) => builder.WithMetadata(new IfMatchRequired());

    /// <summary>Marks an operation whose success answer carries the resource's version as ETag, so the header is documented.</summary>
    public static RouteHandlerBuilder ProducesETag(this RouteHandlerBuilder builder) => builder.WithMetadata(new ETagProduced());

    /// <summary>
    /// Describes query parameters by name (minimal APIs' lambda parameters carry no XML comments), for the OpenAPI
    /// document (ParameterDescriptionsOperationFilter).
    /// </summary>
    public static RouteHandlerBuilder Describes(this RouteHandlerBuilder builder, params (string Name, string Description)[] parameters) =>
        builder.WithMetadata(new ParameterDescriptions(parameters.ToDictionary(p => p.Name, p => p.Description, StringComparer.Ordinal)));

    /// <summary>
    /// Deprecates the operation as the README's versioning policy says: <c>deprecated: true</c> in the document, and every
    /// answer carries <c>Deprecation</c> (RFC 9745: <c>@</c> and the Unix time it was deprecated), <c>Sunset</c> (RFC 8594:
    /// the earliest date it may go, an HTTP-date) and <c>Link</c> to its successor (<c>rel="successor-version"</c>,
    /// RFC 5829). <paramref name="successor"/> is a path whose <c>{name}</c> parts are the request's route values.
    /// </summary>
    public static RouteHandlerBuilder Deprecated(this RouteHandlerBuilder builder, DateOnly since, DateOnly sunset, string successor)
    {
        var deprecation = new DeprecatedEndpoint(since, sunset, successor);
        builder.WithMetadata(deprecation);
        return builder.AddEndpointFilter(async (context, next) =>
        {
            var headers = context.HttpContext.Response.Headers;
            var link = System.Text.RegularExpressions.Regex.Replace(successor, "{([A-Za-z]+)}",
                m => Uri.EscapeDataString(context.HttpContext.Request.RouteValues[m.Groups[1].Value]?.ToString() ?? m.Value));
            headers["Deprecation"] = deprecation.DeprecationHeader;
            headers["Sunset"] = deprecation.SunsetHeader;
            headers.Append("Link", $"<{link}>; rel=\"successor-version\"");
            return await next(context);
        });
    }

    /// <summary>Names the operation (operationId = the use case's name) and gives it a summary.</summary>
    public static RouteHandlerBuilder Named(this RouteHandlerBuilder builder, string name, string summary, string? description = null)
    {
        builder.WithName(name).WithSummary(summary);
        if (description is not null) builder.WithDescription(description);
        return builder;
    }
}

/// <summary>Endpoint metadata: the operation is deprecated (see <see cref="EndpointConventions.Deprecated"/>).</summary>
public sealed record DeprecatedEndpoint(DateOnly Since, DateOnly Sunset, string Successor)
{
    public string DeprecationHeader => "@" + new DateTimeOffset(Since.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).ToUnixTimeSeconds();

    public string SunsetHeader => new DateTimeOffset(Sunset.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).ToString("R", System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>Endpoint metadata: descriptions of the operation's parameters by name.</summary>
public sealed record ParameterDescriptions(IReadOnlyDictionary<string, string> ByName);

/// <summary>Endpoint metadata: the operation reads the resource version from If-Match.</summary>
public sealed record IfMatchRequired;

/// <summary>Endpoint metadata: the success answer carries <c>ETag</c> (the resource's version).</summary>
public sealed record ETagProduced;

/// <summary>
/// A shape clients send (and, for imports, also receive back from an export): its optional fields stay optional in
/// the OpenAPI document instead of being marked required like the fields of answers.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class OptionalFieldsStayOptionalAttribute : Attribute;
