using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Okr.Api.Domain;
using Okr.Api.Infrastructure.Auth;
using Okr.Api.Infrastructure.Http;
using Okr.Api.Infrastructure.Persistence;

namespace Okr.Api.Features.Teams;

/// <summary>Teams by name; archived ones only when asked for.</summary>
public sealed record ListTeamsQuery(Guid? ParentId, bool IncludeArchived, string? Q, int Page, int PageSize) : IQuery<PagedList<TeamDto>>, IPagedQuery;

public sealed class ListTeamsQueryValidator : AbstractValidator<ListTeamsQuery>
{
    public ListTeamsQueryValidator()
    {
        this.RulesForPaging();
        RuleFor(q => q.Q).MaximumLength(Limits.Name);
    }
}

public sealed class ListTeamsQueryHandler(OkrDbContext db, AccessPolicy access) : IQueryHandler<ListTeamsQuery, PagedList<TeamDto>>
{
    public async ValueTask<PagedList<TeamDto>> Handle(ListTeamsQuery query, CancellationToken cancellationToken)
    {
        var teams = db.Teams.AsQueryable();
        if (!query.IncludeArchived) teams = teams.Where(t => !t.Archived);
        if (query.ParentId is { } parentId) teams = teams.Where(t => t.ParentId == parentId);
        if (!string.IsNullOrWhiteSpace(query.Q))
        {
            var pattern = $"%{Like.Escape(query.Q.Trim())}%";
            teams = teams.Where(t => EF.Functions.ILike(t.Name, pattern, "\\") || EF.Functions.ILike(t.Slug, pattern, "\\"));
        }

        var page = await teams.OrderBy(t => t.Name).ThenBy(t => t.Id).ProjectToRow().ToPagedListAsync(query, cancellationToken);
        var rights = await access.RightsAsync(cancellationToken);
        return new PagedList<TeamDto>(page.Items.Select(t => t.ToDto(rights)).ToList(), page.TotalCount, page.Page, page.PageSize);
    }
}
