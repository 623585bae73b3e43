using System.Text.Json.Nodes;
using Mediator;
using Okr.Api.Infrastructure.Auth;

namespace Okr.Api.Features.Scim;

/// <summary>GET /scim/v2/Groups/{id}: 404 (SCIM error) for an unknown or archived team, and for the company itself.</summary>
public sealed record GetScimGroupQuery(Guid Id, bool WithMembers) : IQuery<JsonObject>;

public sealed class GetScimGroupQueryHandler(ScimGroups groups, AccessPolicy access) : IQueryHandler<GetScimGroupQuery, JsonObject>
{
    public async ValueTask<JsonObject> Handle(GetScimGroupQuery query, CancellationToken cancellationToken)
    {
        access.EnsureDirectory();
        return (await groups.RenderAsync([await groups.FindAsync(query.Id, cancellationToken)], query.WithMembers, cancellationToken))[0];
    }
}
