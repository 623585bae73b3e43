using System.Collections;
using System.Globalization;
using System.Reflection;
using FluentValidation;
using FluentValidation.Validators;
using Microsoft.OpenApi;
using Okr.Api.Infrastructure.Mediator;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Okr.Api.Infrastructure.OpenApi;

/// <summary>
/// Publishes the limits the validators enforce as schema keywords (maxLength, minLength, minimum, maximum, maxItems,
/// pattern), read from the FluentValidation rules themselves so the document cannot drift from what the server refuses.
/// A rule is found by the property it ends on: <c>RuleFor(c => c.Changes.Value.Title)</c> on an update command limits
/// UpdateObjectiveRequest.title, the body the client sends. Rules written as lambdas (Must) stay prose in descriptions.
/// </summary>
internal sealed class ValidationLimitsSchemaFilter(IServiceScopeFactory scopes) : ISchemaFilter
{
    private readonly Lazy<ILookup<(Type Type, string Name), IPropertyValidator>> _rules = new(() => ReadRules(scopes));

    public void Apply(IOpenApiSchema schema, SchemaFilterContext context)
    {
        if (schema is not OpenApiSchema { Properties: { } properties }) return;
        foreach (var property in context.Type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var name = JsonNamingPolicyName(property.Name);
            if (!properties.TryGetValue(name, out var target) || target is not OpenApiSchema concrete) continue;
            foreach (var validator in _rules.Value[(property.DeclaringType!, property.Name)]) Publish(validator, concrete);
        }
    }

    private static void Publish(IPropertyValidator validator, OpenApiSchema schema)
    {
        var isString = schema.Type?.HasFlag(JsonSchemaType.String) == true;
        var isArray = schema.Type?.HasFlag(JsonSchemaType.Array) == true;
        var isNumber = schema.Type is { } t && (t.HasFlag(JsonSchemaType.Integer) || t.HasFlag(JsonSchemaType.Number));
        switch (validator)
        {
            case ILengthValidator length when isString:
                if (length.Max > 0) schema.MaxLength = schema.MaxLength is { } max ? Math.Min(max, length.Max) : length.Max;
                if (length.Min > 0) schema.MinLength = Math.Max(schema.MinLength ?? 0, length.Min);
                break;
            case INotEmptyValidator when isString:
                schema.MinLength = Math.Max(schema.MinLength ?? 0, 1);
                break;
            case INotEmptyValidator when isArray:
                schema.MinItems = Math.Max(schema.MinItems ?? 0, 1);
                break;
            case IMaxItemsValidator items when isArray:
                schema.MaxItems = schema.MaxItems is { } most ? Math.Min(most, items.Max) : items.Max;
                break;
            case IRegularExpressionValidator pattern when isString:
                schema.Pattern = pattern.Expression;
                break;
            case IBetweenValidator between when isNumber && validator.Name == "InclusiveBetweenValidator":
                schema.Minimum = Number(between.From);
                schema.Maximum = Number(between.To);
                break;
            case IComparisonValidator { ValueToCompare: { } value } comparison when isNumber:
                if (comparison.Comparison == Comparison.GreaterThanOrEqual) schema.Minimum = Number(value);
                if (comparison.Comparison == Comparison.LessThanOrEqual) schema.Maximum = Number(value);
                break;
        }
    }

    private static string? Number(object? value) => value switch
    {
        null => null,
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => null,
    };

    private static string JsonNamingPolicyName(string name) => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(name);

    /// <summary>Every validator of the assembly, each rule keyed by the property it ends on (its declaring type and name).</summary>
    private static ILookup<(Type, string), IPropertyValidator> ReadRules(IServiceScopeFactory scopes)
    {
        using var scope = scopes.CreateScope();
        var validated = typeof(Program).Assembly.GetTypes()
            .Where(t => t is { IsAbstract: false, IsGenericTypeDefinition: false } && typeof(IValidator).IsAssignableFrom(t))
            .SelectMany(t => t.GetInterfaces())
            .Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IValidator<>))
            .Select(i => i.GetGenericArguments()[0])
            .Distinct();
        var rules = new List<((Type, string), IPropertyValidator)>();
        foreach (var type in validated)
        {
            foreach (var validator in scope.ServiceProvider.GetServices(typeof(IValidator<>).MakeGenericType(type)).OfType<IValidator>())
            {
                foreach (var rule in validator.CreateDescriptor().Rules)
                {
                    // A RuleForEach rule limits each element, not the list the schema property describes.
                    if (rule.Member is not PropertyInfo { DeclaringType: { } owner } member || IsCollectionRule(rule)) continue;
                    rules.AddRange(rule.Components.Select(c => ((owner, member.Name), c.Validator)));
                }
            }
        }
        return rules.ToLookup(r => r.Item1, r => r.Item2);
    }

    private static bool IsCollectionRule(IValidationRule rule) =>
        rule.GetType().GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(ICollectionRule<,>));
}
