using Microsoft.AspNetCore.Authorization;
using Microsoft.OpenApi;
using Okr.Api.Infrastructure.Http;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Okr.Api.Infrastructure.OpenApi;

public static class OpenApiExtensions
{
    public const string DocumentName = "v1";

    public static IServiceCollection AddOkrOpenApi(this IServiceCollection services)
    {
        services.AddEndpointsApiExplorer();
        services.AddSwaggerGen(options =>
        {
            options.SwaggerDoc(DocumentName, new OpenApiInfo
            {
                Title = "Okr API",
                Version = "v1",
                Description = "Objectives and key results: set them, check in on them, and see how they align from people to teams to the company. " +
                              "Sign in with POST /api/v1/auth/token and send the access token as 'Authorization: Bearer <token>'. " +
                              "Errors are RFC 9457 problem+json; updates are PATCH with If-Match carrying the ETag of your last read.",
            });
            options.SupportNonNullableReferenceTypes();
            options.NonNullableReferenceTypesAsRequired();
            options.CustomSchemaIds(SchemaId);
            options.SchemaFilter<RequiredNonNullableSchemaFilter>();
            options.SchemaFilter<ValidationLimitsSchemaFilter>();
            // A property of a referenced type (an enum, an object) can then say it is nullable: an optional enum in a request
            // is sent only when set, instead of being defaulted by generated clients (NSwag would send role: "admin").
            options.UseAllOfToExtendReferenceSchemas();
            var xml = Path.Combine(AppContext.BaseDirectory, "Okr.Api.xml");
            if (File.Exists(xml)) options.IncludeXmlComments(xml);

            options.AddSecurityDefinition("Bearer", new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                BearerFormat = "JWT",
                Description = "The accessToken from POST /api/v1/auth/token.",
            });
            // The same tokens by the OAuth 2.0 flows (RFC 6749) at the same endpoint, for stock OAuth2 client libraries.
            options.AddSecurityDefinition("OAuth2", new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.OAuth2,
                Description = "OAuth 2.0 (RFC 6749) at POST /api/v1/auth/token as a form: client credentials for API clients (their scope is the one " +
                              "they were made with; none is asked for), the password flow for people; the access token is sent as a bearer token.",
                Flows = new OpenApiOAuthFlows
                {
                    ClientCredentials = new OpenApiOAuthFlow { TokenUrl = new Uri("/api/v1/auth/token", UriKind.Relative), Scopes = new Dictionary<string, string>() },
                    Password = new OpenApiOAuthFlow
                    {
                        TokenUrl = new Uri("/api/v1/auth/token", UriKind.Relative), RefreshUrl = new Uri("/api/v1/auth/token", UriKind.Relative),
                        Scopes = new Dictionary<string, string>(),
                    },
                },
            });
            options.DocumentFilter<ContractDocumentFilter>();
            options.OperationFilter<BearerSecurityOperationFilter>();
            options.OperationFilter<OAuthTokenOperationFilter>();
            options.OperationFilter<ResponseHeadersOperationFilter>();
            options.OperationFilter<IfMatchOperationFilter>();
            options.OperationFilter<ParameterDescriptionsOperationFilter>();
            options.OperationFilter<DeprecationOperationFilter>();
            options.OperationFilter<CsvAndIdempotencyOperationFilter>();
            options.ParameterFilter<QueryEnumParameterFilter>();
            options.ParameterFilter<CommonParameterFilter>();
            // Versions are PostgreSQL's unsigned 32-bit transaction ids (xmin): past 2^31 an int32 client would overflow.
            options.MapType<uint>(() => new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int64", Minimum = "0", Maximum = "4294967295" });
            options.MapType<uint?>(() => new OpenApiSchema { Type = JsonSchemaType.Integer | JsonSchemaType.Null, Format = "int64", Minimum = "0", Maximum = "4294967295" });
            foreach (var type in new[] { typeof(QueryEnum<Domain.PeriodState>), typeof(QueryEnum<Domain.ObjectiveState>), typeof(QueryEnum<Domain.ImportFormat>) })
            {
                options.MapType(type, () => new OpenApiSchema { Type = JsonSchemaType.String });
            }
        });
        return services;
    }

    public static WebApplication UseOkrOpenApi(this WebApplication app)
    {
        app.UseSwagger(options => options.PreSerializeFilters.Add((document, _) =>
        {
            // The document must not depend on the host it was fetched from, nor on the culture of the machine serving it:
            // the repository copy is compared byte for byte, so everything listed is in ordinal order.
            document.Servers = [new OpenApiServer { Url = "/" }];
            InOrdinalOrder(document);
        }));
        app.UseSwaggerUI(options =>
        {
            options.SwaggerEndpoint($"/swagger/{DocumentName}/swagger.json", "Okr API v1");
            options.DocumentTitle = "Okr API";
        });
        return app;
    }

    /// <summary>Paths, tags and schemas in ordinal order: "API clients" sorts before "Alignment" on every machine.</summary>
    private static void InOrdinalOrder(OpenApiDocument document)
    {
        var paths = new OpenApiPaths();
        foreach (var (path, item) in document.Paths.OrderBy(p => p.Key, StringComparer.Ordinal)) paths.Add(path, item);
        document.Paths = paths;
        if (document.Tags is { } tags)
        {
            document.Tags = new SortedSet<OpenApiTag>(tags, Comparer<OpenApiTag>.Create((a, b) => string.CompareOrdinal(a.Name, b.Name)));
        }

        if (document.Components?.Schemas is { } schemas)
        {
            document.Components.Schemas = new SortedDictionary<string, IOpenApiSchema>(schemas, StringComparer.Ordinal);
        }
    }

    /// <summary>Schema names integrators see: "Objective" rather than "ObjectiveDto", "ObjectivePage" for a page of them.</summary>
    private static string SchemaId(Type type)
    {
        if (type.IsGenericType)
        {
            var name = type.Name[..type.Name.IndexOf('`')];
            var arguments = string.Concat(type.GetGenericArguments().Select(SchemaId));
            return name is "PagedList" or "CursorPage" ? arguments + "Page" : arguments + name;
        }

        return type.Name.EndsWith("Dto", StringComparison.Ordinal) ? type.Name[..^3] : type.Name;
    }
}

/// <summary>Marks operations that need a token, so generated clients and the Swagger UI send it.</summary>
internal sealed class BearerSecurityOperationFilter : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        var metadata = context.ApiDescription.ActionDescriptor.EndpointMetadata;
        if (metadata.OfType<IAllowAnonymous>().Any() || !metadata.OfType<IAuthorizeData>().Any())
        {
            // Said explicitly ("security: []"): no token is needed here, rather than "nobody said".
            operation.Security = [];
            return;
        }

        operation.Security ??= [];
        operation.Security.Add(new OpenApiSecurityRequirement
        {
            [new OpenApiSecuritySchemeReference("Bearer", context.Document)] = [],
        });
        // Or the same token got by an OAuth 2.0 flow: either requirement is enough.
        operation.Security.Add(new OpenApiSecurityRequirement
        {
            [new OpenApiSecuritySchemeReference("OAuth2", context.Document)] = [],
        });
    }
}

/// <summary>
/// POST /auth/token takes JSON or an RFC 6749 form, and answers each in its own shape: the form's body and answers are
/// added next to the JSON ones (the form's errors are RFC 6749's, not problem details).
/// </summary>
internal sealed class OAuthTokenOperationFilter : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        if (operation.OperationId != "CreateToken" || operation.RequestBody is not OpenApiRequestBody body || body.Content is null) return;
        var form = context.SchemaGenerator.GenerateSchema(typeof(Features.Auth.OAuthTokenRequest), context.SchemaRepository);
        body.Content[Features.Auth.OAuthToken.FormMediaType] = new OpenApiMediaType { Schema = form };
        body.Description = "JSON (camelCase, answered as Token) or, for OAuth 2.0 client libraries, an RFC 6749 form (answered as OAuthTokenResponse).";
        var json = context.SchemaGenerator.GenerateSchema(typeof(Features.Auth.TokenDto), context.SchemaRepository);
        var oauth = context.SchemaGenerator.GenerateSchema(typeof(Features.Auth.OAuthTokenResponse), context.SchemaRepository);
        var error = context.SchemaGenerator.GenerateSchema(typeof(Features.Auth.OAuthError), context.SchemaRepository);
        if (operation.Responses?.TryGetValue("200", out var ok) == true && ok is OpenApiResponse success && success.Content is not null)
        {
            success.Content["application/json"] = new OpenApiMediaType { Schema = new OpenApiSchema { AnyOf = [json, oauth] } };
            success.Description = "Token for a JSON request; OAuthTokenResponse (RFC 6749 section 5.1, with Cache-Control: no-store) for a form request.";
        }

        foreach (var status in new[] { "400", "401" })
        {
            if (operation.Responses?.TryGetValue(status, out var refused) == true && refused is OpenApiResponse answer && answer.Content is not null)
            {
                answer.Content["application/json"] = new OpenApiMediaType { Schema = error };
            }
        }
    }
}

/// <summary>
/// Every property of a response schema is required: the API always sends it, with null where it has no value,
/// so generated clients need no optional chaining. Request bodies keep their optional fields optional.
/// </summary>
internal sealed class RequiredNonNullableSchemaFilter : ISchemaFilter
{
    public void Apply(IOpenApiSchema schema, SchemaFilterContext context)
    {
        var name = context.Type.Name;
        if (schema is not OpenApiSchema concrete || concrete.Properties is null
            || name.EndsWith("Request", StringComparison.Ordinal) || name.EndsWith("Command", StringComparison.Ordinal)
            || context.Type.IsDefined(typeof(OptionalFieldsStayOptionalAttribute), false)) return;
        concrete.Required ??= new HashSet<string>();
        foreach (var property in concrete.Properties.Keys) concrete.Required.Add(property);
    }
}

/// <summary>
/// CSV answers are text, not the JSON schema they share a content list with; the import operation documents its
/// two body formats and its Idempotency-Key header.
/// </summary>
internal sealed class CsvAndIdempotencyOperationFilter : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        var contents = new List<IDictionary<string, IOpenApiMediaType>?> { operation.RequestBody?.Content };
        if (operation.Responses is not null) contents.AddRange(operation.Responses.Values.Select(r => r.Content));
        foreach (var content in contents.OfType<IDictionary<string, IOpenApiMediaType>>())
        {
            if (content.TryGetValue("text/csv", out var csv) && csv is OpenApiMediaType media)
            {
                media.Schema = new OpenApiSchema { Type = JsonSchemaType.String, Description = "CSV, UTF-8, header row first (see README, \"CSV columns\")." };
            }
        }

        var metadata = context.ApiDescription.ActionDescriptor.EndpointMetadata;
        if (metadata.OfType<Http.IdempotentCreateMetadata>().Any())
        {
            operation.Parameters ??= [];
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = Http.IdempotencyFilter.Header,
                In = ParameterLocation.Header,
                Required = false,
                Description = "Any unique string (e.g. a UUID), per caller, kept 24 hours. A repeat with the same key and the same request answers the first " +
                              "result again (status, body, Location, ETag) with Idempotent-Replayed: true instead of creating twice; the same key with another request answers 422.",
                Schema = new OpenApiSchema { Type = JsonSchemaType.String, MinLength = 1, MaxLength = Domain.Limits.IdempotencyKey },
            });
            foreach (var (status, response) in operation.Responses ?? [])
            {
                if (!status.StartsWith('2') || response is not OpenApiResponse answer) continue;
                answer.Headers ??= new Dictionary<string, IOpenApiHeader>();
                answer.Headers[Http.IdempotencyFilter.ReplayedHeader] = new OpenApiHeader
                {
                    Description = "true when this is the remembered answer to an earlier request with the same Idempotency-Key.",
                    Schema = new OpenApiSchema { Type = JsonSchemaType.String, Enum = [System.Text.Json.Nodes.JsonValue.Create("true")] },
                };
            }
        }

        if (!metadata.OfType<Features.Imports.ImportRequestBody>().Any()) return;
        operation.RequestBody = new OpenApiRequestBody
        {
            Required = true,
            Content = new Dictionary<string, IOpenApiMediaType>
            {
                ["application/json"] = new OpenApiMediaType { Schema = context.SchemaGenerator.GenerateSchema(typeof(Features.Imports.ImportDocument), context.SchemaRepository) },
                ["text/csv"] = new OpenApiMediaType { Schema = new OpenApiSchema { Type = JsonSchemaType.String, Description = "CSV, UTF-8, header row first (see README, \"CSV columns\")." } },
            },
        };
        operation.Parameters ??= [];
        operation.Parameters.Add(new OpenApiParameter
        {
            Name = Features.Imports.ImportsEndpoints.IdempotencyKeyHeader,
            In = ParameterLocation.Header,
            Required = false,
            Description = "Any unique string (e.g. a UUID). Sending the same request again with the same key returns the first result without running it again.",
            Schema = new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = Domain.Limits.IdempotencyKey },
        });
    }
}

/// <summary>Documents the If-Match header of updates and the ETag of their answers.</summary>
internal sealed class IfMatchOperationFilter : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        if (!context.ApiDescription.ActionDescriptor.EndpointMetadata.OfType<IfMatchRequired>().Any()) return;
        operation.Parameters ??= [];
        operation.Parameters.Add(new OpenApiParameter
        {
            Name = "If-Match",
            In = ParameterLocation.Header,
            Required = true,
            Description = "The ETag of your last read of this resource, e.g. \"42\". 412 when it is stale; 428 when missing.",
            Schema = new OpenApiSchema { Type = JsonSchemaType.String },
        });
    }
}

/// <summary>
/// The response headers the API sends, declared so generated clients expose them: ETag (the version) on the answers that
/// carry it, Location on every 201, Idempotent-Replayed on retry-safe creates, Retry-After on 429; and the 503 with
/// Retry-After that any operation answers while the database is unreachable.
/// </summary>
internal sealed class ResponseHeadersOperationFilter : IOperationFilter
{
    private static OpenApiHeader Header(string description, JsonSchemaType type = JsonSchemaType.String) =>
        new() { Description = description, Schema = new OpenApiSchema { Type = type } };

    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        if (operation.Responses is null) return;
        var metadata = context.ApiDescription.ActionDescriptor.EndpointMetadata;
        var etag = metadata.OfType<ETagProduced>().Any();
        var idempotent = metadata.OfType<Http.IdempotentCreateMetadata>().Any();
        foreach (var (status, response) in operation.Responses)
        {
            if (response is not OpenApiResponse answer) continue;
            var success = status.StartsWith('2');
            if (success && etag) Add(answer, "ETag", Header("The resource's version as a strong ETag (\"42\"): send it back as If-Match to change it."));
            if (status == "201") Add(answer, "Location", Header("The URL of what was created."));
            if (success && idempotent) Add(answer, "Idempotent-Replayed", Header("true when this is the stored answer to an earlier request with the same Idempotency-Key."));
            if (status == "429") Add(answer, "Retry-After", Header("Seconds to wait before trying again.", JsonSchemaType.Integer));
        }

        if (!operation.Responses.ContainsKey("503"))
        {
            var unavailable = new OpenApiResponse
            {
                Description = "The database is unreachable (a restart, a failover): nothing was changed; try again after Retry-After.",
                Content = new Dictionary<string, IOpenApiMediaType>
                {
                    ["application/problem+json"] = new OpenApiMediaType { Schema = context.SchemaGenerator.GenerateSchema(typeof(Microsoft.AspNetCore.Mvc.ProblemDetails), context.SchemaRepository) },
                },
            };
            Add(unavailable, "Retry-After", Header("Seconds to wait before trying again.", JsonSchemaType.Integer));
            operation.Responses["503"] = unavailable;
        }
    }

    private static void Add(OpenApiResponse response, string name, OpenApiHeader header)
    {
        response.Headers ??= new Dictionary<string, IOpenApiHeader>();
        response.Headers[name] = header;
    }
}

/// <summary>
/// The parameters every list and every resource shares, described once with their limits as schema keywords
/// (<see cref="Http.Paging"/>: page from 1, pageSize 1..500), so generated clients check them before sending.
/// </summary>
/// <summary>Marks deprecated operations (EndpointConventions.Deprecated) and declares the headers their answers carry.</summary>
internal sealed class DeprecationOperationFilter : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        var deprecated = context.ApiDescription.ActionDescriptor.EndpointMetadata.OfType<DeprecatedEndpoint>().LastOrDefault();
        if (deprecated is null) return;
        operation.Deprecated = true;
        operation.Description = $"Deprecated since {deprecated.Since:yyyy-MM-dd}: use {deprecated.Successor} instead. It stays in v1 until at least " +
                                $"{deprecated.Sunset:yyyy-MM-dd}. " + operation.Description;
        foreach (var response in (operation.Responses ?? []).Where(r => r.Key.StartsWith('2')).Select(r => r.Value).OfType<OpenApiResponse>())
        {
            response.Headers ??= new Dictionary<string, IOpenApiHeader>();
            response.Headers["Deprecation"] = new OpenApiHeader
            {
                Description = $"RFC 9745: when this operation was deprecated, as @ and Unix seconds ({deprecated.DeprecationHeader}).",
                Schema = new OpenApiSchema { Type = JsonSchemaType.String },
            };
            response.Headers["Sunset"] = new OpenApiHeader
            {
                Description = $"RFC 8594: the earliest date it may be removed ({deprecated.SunsetHeader}).",
                Schema = new OpenApiSchema { Type = JsonSchemaType.String },
            };
            response.Headers["Link"] = new OpenApiHeader
            {
                Description = "The operation that replaces it, rel=\"successor-version\".",
                Schema = new OpenApiSchema { Type = JsonSchemaType.String },
            };
        }
    }
}

/// <summary>Applies the descriptions an endpoint gives its parameters (EndpointConventions.Describes).</summary>
internal sealed class ParameterDescriptionsOperationFilter : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        var described = context.ApiDescription.ActionDescriptor.EndpointMetadata.OfType<ParameterDescriptions>().LastOrDefault();
        if (described is null || operation.Parameters is null) return;
        foreach (var parameter in operation.Parameters.OfType<OpenApiParameter>())
        {
            if (parameter.Name is { } name && described.ByName.TryGetValue(name, out var description)) parameter.Description = description;
        }
    }
}

internal sealed class CommonParameterFilter : IParameterFilter
{
    public void Apply(IOpenApiParameter parameter, ParameterFilterContext context)
    {
        if (parameter is not OpenApiParameter concrete || concrete.Schema is not OpenApiSchema schema) return;
        switch (concrete.In, concrete.Name)
        {
            case (ParameterLocation.Query, "page"):
                concrete.Description ??= "The page to answer, from 1.";
                schema.Minimum = "1";
                schema.Maximum = "1000000";
                break;
            case (ParameterLocation.Query, "pageSize"):
                concrete.Description ??= $"Items per page, 1..{Http.Paging.MaxPageSize} (default {Http.Paging.DefaultPageSize}).";
                schema.Minimum = "1";
                schema.Maximum = Http.Paging.MaxPageSize.ToString(System.Globalization.CultureInfo.InvariantCulture);
                break;
            case (ParameterLocation.Query, "limit"):
                schema.Minimum = "1";
                schema.Maximum = Features.Events.ListEventsQueryValidator.MaxLimit.ToString(System.Globalization.CultureInfo.InvariantCulture);
                break;
            case (ParameterLocation.Path, "id"):
                concrete.Description ??= "The id of the resource the path names first (a UUID).";
                break;
            case (ParameterLocation.Path, { } name) when name.EndsWith("Id", StringComparison.Ordinal):
                concrete.Description ??= $"The id of the {name[..^2]} (a UUID) within the resource the path names first.";
                break;
        }
    }
}

/// <summary>A <see cref="QueryEnum{TEnum}"/> parameter is documented as the enum it carries, with its snake_case values.</summary>
internal sealed class QueryEnumParameterFilter : IParameterFilter
{
    public void Apply(IOpenApiParameter parameter, ParameterFilterContext context)
    {
        var type = context.ApiParameterDescription.Type;
        type = Nullable.GetUnderlyingType(type) ?? type;
        // A QueryTime is a date-time (with its offset) for generators; its description adds the date-only form.
        if (type == typeof(QueryTime) && parameter is OpenApiParameter { Schema: OpenApiSchema time }) time.Format = "date-time";
        if (parameter is not OpenApiParameter concrete || !type.IsGenericType || type.GetGenericTypeDefinition() != typeof(QueryEnum<>)) return;
        concrete.Schema = context.SchemaGenerator.GenerateSchema(type.GetGenericArguments()[0], context.SchemaRepository);
    }
}
