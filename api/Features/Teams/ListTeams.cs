using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Okr.Api.Domain;
using Okr.Api.Infrastructure.Auth;
using Okr.Api.Infrastructure.Http;
using Okr.Api.Infrastructure.Persistence;

namespace Okr.Api.Features.Teams;

/// <summary>
/// Teams by name; archived ones only when asked for. For sync: ModifiedSince keeps those changed at or after that instant
/// (archiving counts: ask with includeArchived to see it); After reads on from a nextCursor.
/// </summary>
public sealed record ListTeamsQuery(Guid? ParentId, bool IncludeArchived, string? Q, int Page, int PageSize, DateTimeOffset? ModifiedSince = null, string? After = null)
    : IQuery<CursorPage<TeamDto>>, ICursorQuery;

public sealed class ListTeamsQueryValidator : AbstractValidator<ListTeamsQuery>
{
    public ListTeamsQueryValidator()
    {
        this.RulesForCursorPaging();
        RuleFor(q => q.Q).MaximumLength(Limits.Name);
    }
}

public sealed class ListTeamsQueryHandler(OkrDbContext db, AccessPolicy access) : IQueryHandler<ListTeamsQuery, CursorPage<TeamDto>>
{
    public async ValueTask<CursorPage<TeamDto>> Handle(ListTeamsQuery query, CancellationToken cancellationToken)
    {
        var teams = db.Teams.AsQueryable();
        if (!query.IncludeArchived) teams = teams.Where(t => !t.Archived);
        if (query.ParentId is { } parentId) teams = teams.Where(t => t.ParentId == parentId);
        if (!string.IsNullOrWhiteSpace(query.Q))
        {
            var pattern = $"%{Like.Escape(query.Q.Trim())}%";
            teams = teams.Where(t => EF.Functions.ILike(t.Name, pattern, "\\") || EF.Functions.ILike(t.Slug, pattern, "\\"));
        }

        if (query.ModifiedSince is { } since) teams = teams.Where(t => t.ModifiedAt >= since);
        if (query.Cursor() is { Key: var name, Id: var id })
        {
            // By name, as the list is ordered: a team renamed during a crawl may move behind the cursor, and is then
            // answered by the next modifiedSince pass.
            teams = teams.Where(t => string.Compare(t.Name, name) > 0 || (t.Name == name && t.Id.CompareTo(id) > 0));
        }

        var page = await teams.OrderBy(t => t.Name).ThenBy(t => t.Id).ProjectToRow()
            .ToCursorPageAsync(query, t => new ListCursor(t.Name, t.Id), cancellationToken);
        var rights = await access.RightsAsync(cancellationToken);
        return new CursorPage<TeamDto>([.. page.Items.Select(t => t.ToDto(rights))], page.TotalCount, page.Page, page.PageSize, page.NextCursor);
    }
}
