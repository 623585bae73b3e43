using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Okr.Api.Infrastructure.OpenApi;

/// <summary>
/// What the whole document says once: contact and licence, a description per tag, and a default problem answer on
/// every operation.
/// </summary>
internal sealed class ContractDocumentFilter : IDocumentFilter
{
    /// <summary>Each tag's one-line description, as the reference documentation groups operations.</summary>
    private static readonly Dictionary<string, string> TagDescriptions = new(StringComparer.Ordinal)
    {
        ["API clients"] = "Machine credentials for integrations (admins): a scope, a secret shown once, revocation.",
        ["Alignment"] = "How objectives align from people to teams to the company: the tree, candidates to align to, a period's closing review.",
        ["Audit"] = "Who changed what and when: the append-only audit log (admins).",
        ["Auth"] = "Sign-in (JSON or OAuth 2.0 forms), refresh, sign-out, password reset, two-factor authentication and single sign-on.",
        ["Check-ins"] = "Progress reports on key results (value, confidence, note) and the list of check-ins that are due.",
        ["Comments"] = "Discussion threads on objectives and key results, with mentions.",
        ["Conversations"] = "Performance conversations (1:1s) between a manager and a person: agenda, action items, the OKR packet.",
        ["Events"] = "The stream of changes (a cursor over committed events) for integrations that sync.",
        ["Imports"] = "Bulk upserts from JSON or CSV by natural keys, all or nothing, with dry runs and asynchronous jobs; exports.",
        ["Invitations"] = "Inviting people by email and accepting invitations.",
        ["Key results"] = "The measurable outcomes of an objective: metric or milestone, baseline, target, direction, weight.",
        ["Notifications"] = "The inbox, unread count, per-kind notification settings and team chat channels.",
        ["Objectives"] = "Objectives: create, read, list, update, close, carry over, their history.",
        ["Periods"] = "OKR cycles (quarters, say): planning, active, closed; generated on the organisation's cadence.",
        ["Teams"] = "Teams, their hierarchy and members with their roles.",
        ["Users"] = "People, their roles, managers and teams; your own account.",
        ["Webhooks"] = "Signed HTTP callbacks (Standard Webhooks) for events, with deliveries and redelivery (admins).",
    };

    public void Apply(OpenApiDocument document, DocumentFilterContext context)
    {
        document.Info.Contact = new OpenApiContact { Name = "Okr maintainers" };
        // The repository's LICENSE.
        document.Info.License = new OpenApiLicense { Name = "MIT", Url = new Uri("https://opensource.org/licenses/MIT") };
        if (document.Tags is { } tags)
        {
            foreach (var tag in tags)
            {
                if (tag.Name is { } name && TagDescriptions.TryGetValue(name, out var description)) tag.Description = description;
            }
        }

        if (document.Components?.Schemas?.ContainsKey("ProblemDetails") == true)
        {
            foreach (var operation in document.Paths.Values.SelectMany(p => p.Operations?.Values.AsEnumerable() ?? []))
            {
                operation.Responses ??= new OpenApiResponses();
                operation.Responses.TryAdd("default", new OpenApiResponse
                {
                    Description = "Any other error, as problem details (RFC 9457): its status, title and detail say what happened.",
                    Content = new Dictionary<string, IOpenApiMediaType>
                    {
                        ["application/problem+json"] = new OpenApiMediaType { Schema = new OpenApiSchemaReference("ProblemDetails", document) },
                    },
                });
            }
        }
    }
}
