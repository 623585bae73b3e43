using FluentValidation;
using Microsoft.Extensions.Options;
using Okr.Api.Domain;

namespace Okr.Api.Features.Webhooks;

/// <summary>The checks a webhook's fields pass, shared by create and change: the URL's rules are <see cref="WebhookTargets"/>'.</summary>
internal static class WebhookRules
{
    public static void Url<T>(IRuleBuilderInitial<T, string?> rule, IOptions<WebhookOptions> options) =>
        rule.Custom((url, context) =>
        {
            if (WebhookTargets.UrlProblem(url, options.Value) is { } problem) context.AddFailure("url", problem);
        });

    public static void EventTypes<T>(IRuleBuilderInitial<T, IReadOnlyList<string?>?> rule) =>
        rule.Custom((types, context) =>
        {
            if (types is null || types.Count == 0)
            {
                context.AddFailure("eventTypes", "'eventTypes' must list at least one event type, e.g. [\"check_in.created\"].");
                return;
            }

            for (var i = 0; i < types.Count; i++)
            {
                if (types[i] is not { } type || !Domain.EventTypes.IsKnown(type))
                {
                    context.AddFailure($"eventTypes[{i}]", $"'{types[i]}' is not an event type. Known: {string.Join(", ", Domain.EventTypes.All)}.");
                }
            }

            if (types.Distinct().Count() != types.Count) context.AddFailure("eventTypes", "'eventTypes' lists a type twice.");
        });

    public static void Description<T>(IRuleBuilderInitial<T, string?> rule) =>
        rule.Custom((description, context) =>
        {
            if (description is { Length: > Limits.Description }) context.AddFailure("description", $"'description' must be {Limits.Description} characters or fewer.");
        });
}
