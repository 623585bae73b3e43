using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Okr.Api.Domain;
using Okr.Api.Infrastructure.Auth;
using Okr.Api.Infrastructure.Http;
using Okr.Api.Infrastructure.Persistence;

namespace Okr.Api.Features.Users;

/// <summary>People by name; filter by team, manager or text in name or email (name only for those who do not see emails).</summary>
public sealed record ListUsersQuery(Guid? TeamId, Guid? ManagerId, string? Q, int Page, int PageSize) : IQuery<PagedList<UserDto>>, IPagedQuery;

public sealed class ListUsersQueryValidator : AbstractValidator<ListUsersQuery>
{
    public ListUsersQueryValidator()
    {
        this.RulesForPaging();
        RuleFor(q => q.Q).MaximumLength(Limits.Email);
    }
}

public sealed class ListUsersQueryHandler(OkrDbContext db, ICurrentUser caller) : IQueryHandler<ListUsersQuery, PagedList<UserDto>>
{
    public async ValueTask<PagedList<UserDto>> Handle(ListUsersQuery query, CancellationToken cancellationToken)
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

        var page = await users.OrderBy(u => u.DisplayName).ThenBy(u => u.Id).ProjectToDto().ToPagedListAsync(query, cancellationToken);
        return caller.SeesEmails ? page : page with { Items = [.. page.Items.Select(u => u.For(caller))] };
    }
}
