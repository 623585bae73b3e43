using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Okr.Api.Infrastructure.Http;

public static class JsonExtensions
{
    /// <summary>camelCase fields, snake_case enum words, times with offsets, unknown fields refused (so typos never pass silently).</summary>
    public static void Apply(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        // Keys are the documented camelCase spelling, exactly: "Title" is an unknown field (refused below), never a second
        // way to set "title" that the validators and the PATCH logic, which look for "title", would not see.
        options.PropertyNameCaseInsensitive = false;
        options.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
        options.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        options.NumberHandling = JsonNumberHandling.Strict;
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false));
        // Times only with their offset (or a date alone): never read in the server's time zone.
        options.Converters.Add(new IsoTimeJsonConverter());
        options.Converters.Add(new NoNulStringJsonConverter());
        // Source-generated metadata first where there is some (the alignment tree), reflection for the rest.
        options.TypeInfoResolver = JsonTypeInfoResolver.Combine(Features.Alignment.AlignmentJsonContext.Default, new DefaultJsonTypeInfoResolver());
    }

    public static IServiceCollection AddOkrJson(this IServiceCollection services)
    {
        services.ConfigureHttpJsonOptions(o => Apply(o.SerializerOptions));
        services.Configure<Microsoft.AspNetCore.Mvc.JsonOptions>(o => Apply(o.JsonSerializerOptions));
        return services;
    }
}
