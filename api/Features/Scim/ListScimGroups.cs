using System.Text.Json.Nodes;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Okr.Api.Infrastructure.Auth;

namespace Okr.Api.Features.Scim;

/// <summary>GET /scim/v2/Groups: a page of teams, or the one <c>displayName eq</c> / <c>id eq</c> names; <c>excludedAttributes=members</c> leaves members out.</summary>
public sealed record ListScimGroupsQuery(string? Filter, string? StartIndex, string? Count, bool WithMembers) : IQuery<JsonObject>;

public sealed class ListScimGroupsQueryHandler(ScimGroups groups, AccessPolicy access) : IQueryHandler<ListScimGroupsQuery, JsonObject>
{
    private static readonly string[] Filterable = ["displayName", "id"];

    public async ValueTask<JsonObject> Handle(ListScimGroupsQuery query, CancellationToken cancellationToken)
    {
        access.EnsureDirectory();
        var (startIndex, count) = ScimProtocol.Paging(query.StartIndex, query.Count);
        var teams = groups.Teams;
        switch (ScimProtocol.Filter(query.Filter, Filterable))
        {
            case ("displayName", var name):
                teams = teams.Where(t => t.Name == name);
                break;
            case ("id", var id):
                teams = Guid.TryParse(id, out var teamId) ? teams.Where(t => t.Id == teamId) : teams.Where(_ => false);
                break;
        }

        var total = await teams.CountAsync(cancellationToken);
        var page = await teams.OrderBy(t => t.Name).ThenBy(t => t.Id).Skip(startIndex - 1).Take(count)
            .Include(t => t.Memberships).AsNoTracking().AsSplitQuery().ToListAsync(cancellationToken);
        return ScimProtocol.ListResponse(await groups.RenderAsync(page, query.WithMembers, cancellationToken), total, startIndex);
    }
}
