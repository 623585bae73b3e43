using System.Text.Json.Nodes;
using Mediator;
using Okr.Api.Infrastructure.Auth;
using static Okr.Api.Features.Scim.ScimProtocol;

namespace Okr.Api.Features.Scim;

/// <summary>GET /scim/v2/ServiceProviderConfig (RFC 7643 §5): what this server supports, for directories that ask first.</summary>
public sealed record GetScimServiceProviderConfigQuery : IQuery<JsonObject>;

public sealed class GetScimServiceProviderConfigQueryHandler(AccessPolicy access) : IQueryHandler<GetScimServiceProviderConfigQuery, JsonObject>
{
    public ValueTask<JsonObject> Handle(GetScimServiceProviderConfigQuery query, CancellationToken cancellationToken)
    {
        access.EnsureDirectory();
        return ValueTask.FromResult(new JsonObject
        {
            ["schemas"] = new JsonArray("urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig"),
            ["documentationUri"] = "https://github.com/okr/okr#provisioning-scim-20",
            ["patch"] = new JsonObject { ["supported"] = true },
            ["bulk"] = new JsonObject { ["supported"] = false, ["maxOperations"] = 0, ["maxPayloadSize"] = 0 },
            ["filter"] = new JsonObject { ["supported"] = true, ["maxResults"] = MaxResults },
            ["changePassword"] = new JsonObject { ["supported"] = false },
            ["sort"] = new JsonObject { ["supported"] = false },
            ["etag"] = new JsonObject { ["supported"] = false },
            ["authenticationSchemes"] = new JsonArray(new JsonObject
            {
                ["type"] = "oauthbearertoken", ["name"] = "Bearer token", ["primary"] = true,
                ["description"] = "The secret of an Okr API client with the scim scope, or an access token issued to that client.",
            }),
        });
    }
}
