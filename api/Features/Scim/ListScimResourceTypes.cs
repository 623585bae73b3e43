using System.Text.Json.Nodes;
using Mediator;
using Okr.Api.Infrastructure.Auth;
using static Okr.Api.Features.Scim.ScimProtocol;

namespace Okr.Api.Features.Scim;

/// <summary>GET /scim/v2/ResourceTypes (RFC 7643 §6): User (with the enterprise extension) and Group.</summary>
public sealed record ListScimResourceTypesQuery : IQuery<JsonObject>;

public sealed class ListScimResourceTypesQueryHandler(AccessPolicy access) : IQueryHandler<ListScimResourceTypesQuery, JsonObject>
{
    private const string Schema = "urn:ietf:params:scim:schemas:core:2.0:ResourceType";

    public ValueTask<JsonObject> Handle(ListScimResourceTypesQuery query, CancellationToken cancellationToken)
    {
        access.EnsureDirectory();
        JsonObject[] types =
        [
            new()
            {
                ["schemas"] = new JsonArray(Schema), ["id"] = "User", ["name"] = "User", ["endpoint"] = "/Users", ["schema"] = UserSchema,
                ["schemaExtensions"] = new JsonArray(new JsonObject { ["schema"] = EnterpriseUserSchema, ["required"] = false }),
                ["meta"] = new JsonObject { ["resourceType"] = "ResourceType", ["location"] = $"{BasePath}/ResourceTypes/User" },
            },
            new()
            {
                ["schemas"] = new JsonArray(Schema), ["id"] = "Group", ["name"] = "Group", ["endpoint"] = "/Groups", ["schema"] = GroupSchema,
                ["meta"] = new JsonObject { ["resourceType"] = "ResourceType", ["location"] = $"{BasePath}/ResourceTypes/Group" },
            },
        ];
        return ValueTask.FromResult(ListResponse(types, types.Length, 1));
    }
}
