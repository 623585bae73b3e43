using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Okr.Api.Domain;
using Okr.Api.Infrastructure.Auth;
using Okr.Api.Infrastructure.Http;
using Okr.Api.Infrastructure.Persistence;

namespace Okr.Api.Features.Users;

/// <summary>
/// People by name; filter by team, manager or text in name or email (name only for those who do not see emails). For
/// sync: ModifiedSince keeps those changed at or after that instant (a change of their team memberships counts: the
/// database stamps the person, see the TeamMembershipsStampTheirPerson migration); After reads on from a nextCursor.
/// </summary>
public sealed record ListUsersQuery(Guid? TeamId, Guid? ManagerId, string? Q, int Page, int PageSize, DateTimeOffset? ModifiedSince = null, string? After = null)
    : IQuery<CursorPage<UserDto>>, ICursorQuery;

public sealed class ListUsersQueryValidator : AbstractValidator<ListUsersQuery>
{
    public ListUsersQueryValidator()
    {
        this.RulesForCursorPaging();
        RuleFor(q => q.Q).MaximumLength(Limits.Email);
    }
}

public sealed class ListUsersQueryHandler(OkrDbContext db, ICurrentUser caller) : IQueryHandler<ListUsersQuery, CursorPage<UserDto>>
{
    public async ValueTask<CursorPage<UserDto>> Handle(ListUsersQuery query, CancellationToken cancellationToken)
    {
        var users = db.Users.AsQueryable();
        if (query.TeamId is { } teamId) users = users.Where(u => u.Memberships.Any(m => m.TeamId == teamId));
        if (query.ManagerId is { } managerId) users = users.Where(u => u.ManagerId == managerId);
        if (!string.IsNullOrWhiteSpace(query.Q))
        {
            var pattern = $"%{Like.Escape(query.Q.Trim())}%";
            // Matching on a hidden email would tell it letter by letter.
            users = caller.SeesEmails
                ? users.Where(u => EF.Functions.ILike(u.DisplayName, pattern, "\\") || EF.Functions.ILike(u.Email, pattern, "\\"))
                : users.Where(u => EF.Functions.ILike(u.DisplayName, pattern, "\\"));
        }

        if (query.ModifiedSince is { } since) users = users.Where(u => u.ModifiedAt >= since);
        if (query.Cursor() is { Key: var name, Id: var id })
        {
            // By name, as the list is ordered (the database's collation on both sides): a person renamed during a crawl may
            // move behind the cursor, and is then answered by the next modifiedSince pass, since renaming changes them.
            users = users.Where(u => string.Compare(u.DisplayName, name) > 0 || (u.DisplayName == name && u.Id.CompareTo(id) > 0));
        }

        var page = await users.OrderBy(u => u.DisplayName).ThenBy(u => u.Id).ProjectToDto()
            .ToCursorPageAsync(query, u => new ListCursor(u.DisplayName, u.Id), cancellationToken);
        return caller.SeesEmails ? page : page with { Items = [.. page.Items.Select(u => u.For(caller))] };
    }
}
