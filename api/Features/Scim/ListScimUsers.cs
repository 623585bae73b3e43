using System.Text.Json.Nodes;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Okr.Api.Infrastructure.Auth;

namespace Okr.Api.Features.Scim;

/// <summary>GET /scim/v2/Users: a page of people, or the one a filter names (<c>userName eq</c>, <c>externalId eq</c>, <c>id eq</c>).</summary>
public sealed record ListScimUsersQuery(string? Filter, string? StartIndex, string? Count) : IQuery<JsonObject>;

public sealed class ListScimUsersQueryHandler(ScimUsers users, AccessPolicy access) : IQueryHandler<ListScimUsersQuery, JsonObject>
{
    private static readonly string[] Filterable = ["userName", "externalId", "id"];

    public async ValueTask<JsonObject> Handle(ListScimUsersQuery query, CancellationToken cancellationToken)
    {
        access.EnsureDirectory();
        var (startIndex, count) = ScimProtocol.Paging(query.StartIndex, query.Count);
        var people = users.Provisioned;
        switch (ScimProtocol.Filter(query.Filter, Filterable))
        {
            case ("userName", var userName):
                // Case-insensitive, as RFC 7643 defines userName: the email and the directory's own userName are both stored lower-case.
                var normalised = Domain.User.NormaliseEmail(userName);
                people = people.Where(u => u.ScimUserName == normalised || (u.ScimUserName == null && u.Email == normalised));
                break;
            case ("externalId", var externalId):
                people = people.Where(u => u.ScimExternalId == externalId);
                break;
            case ("id", var id):
                people = Guid.TryParse(id, out var userId) ? people.Where(u => u.Id == userId) : people.Where(_ => false);
                break;
        }

        var total = await people.CountAsync(cancellationToken);
        var page = await people.OrderBy(u => u.CreatedAt).ThenBy(u => u.Id).Skip(startIndex - 1).Take(count).AsNoTracking().ToListAsync(cancellationToken);
        return ScimProtocol.ListResponse(await users.RenderAsync(page, cancellationToken), total, startIndex);
    }
}
