using System.Text.Json.Nodes;
using Mediator;
using Okr.Api.Infrastructure.Auth;
using static Okr.Api.Features.Scim.ScimProtocol;

namespace Okr.Api.Features.Scim;

/// <summary>GET /scim/v2/Schemas (RFC 7643 §7): the attributes Okr keeps. Other core attributes are accepted and not kept.</summary>
public sealed record ListScimSchemasQuery : IQuery<JsonObject>;

public sealed class ListScimSchemasQueryHandler(AccessPolicy access) : IQueryHandler<ListScimSchemasQuery, JsonObject>
{
    private static JsonObject Attribute(string name, string type = "string", bool required = false, string uniqueness = "none", string mutability = "readWrite",
        JsonArray? subAttributes = null)
    {
        var attribute = new JsonObject
        {
            ["name"] = name, ["type"] = type, ["multiValued"] = name is "members" or "groups", ["required"] = required, ["caseExact"] = false,
            ["mutability"] = mutability, ["returned"] = "default", ["uniqueness"] = uniqueness,
        };
        if (subAttributes is not null) attribute["subAttributes"] = subAttributes;
        return attribute;
    }

    private static JsonObject Schema(string id, string name, params JsonObject[] attributes) => new()
    {
        ["schemas"] = new JsonArray("urn:ietf:params:scim:schemas:core:2.0:Schema"),
        ["id"] = id, ["name"] = name, ["attributes"] = new JsonArray([.. attributes]),
        ["meta"] = new JsonObject { ["resourceType"] = "Schema", ["location"] = $"{BasePath}/Schemas/{id}" },
    };

    public ValueTask<JsonObject> Handle(ListScimSchemasQuery query, CancellationToken cancellationToken)
    {
        access.EnsureDirectory();
        JsonObject[] schemas =
        [
            Schema(UserSchema, "User",
                Attribute("userName", required: true, uniqueness: "server"),
                Attribute("displayName"),
                Attribute("name", "complex", subAttributes: [Attribute("formatted"), Attribute("givenName"), Attribute("familyName")]),
                Attribute("active", "boolean"),
                Attribute("externalId"),
                Attribute("groups", "complex", mutability: "readOnly", subAttributes: [Attribute("value", mutability: "readOnly"), Attribute("display", mutability: "readOnly")])),
            Schema(EnterpriseUserSchema, "EnterpriseUser",
                Attribute("manager", "complex", subAttributes: [Attribute("value")])),
            Schema(GroupSchema, "Group",
                Attribute("displayName", required: true, uniqueness: "server"),
                Attribute("members", "complex", subAttributes: [Attribute("value", mutability: "immutable"), Attribute("display", mutability: "readOnly")])),
        ];
        return ValueTask.FromResult(ListResponse(schemas, schemas.Length, 1));
    }
}
