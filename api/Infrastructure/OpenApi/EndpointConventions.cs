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

    /// <summary>Names the operation (operationId = the use case's name) and gives it a summary.</summary>
    public static RouteHandlerBuilder Named(this RouteHandlerBuilder builder, string name, string summary, string? description = null)
    {
        builder.WithName(name).WithSummary(summary);
        if (description is not null) builder.WithDescription(description);
        return builder;
    }
}

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
