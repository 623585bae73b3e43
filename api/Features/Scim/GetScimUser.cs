using System.Text.Json.Nodes;
using Mediator;
using Okr.Api.Infrastructure.Auth;

namespace Okr.Api.Features.Scim;

/// <summary>GET /scim/v2/Users/{id}: 404 (SCIM error) for an unknown or deleted person.</summary>
public sealed record GetScimUserQuery(Guid Id) : IQuery<JsonObject>;

public sealed class GetScimUserQueryHandler(ScimUsers users, AccessPolicy access) : IQueryHandler<GetScimUserQuery, JsonObject>
{
    public async ValueTask<JsonObject> Handle(GetScimUserQuery query, CancellationToken cancellationToken)
    {
        access.EnsureDirectory();
        var user = await users.FindAsync(query.Id, cancellationToken);
        return (await users.RenderAsync([user], cancellationToken))[0];
    }
}
