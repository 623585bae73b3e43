using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Okr.Api.Domain;
using Okr.Api.Infrastructure.Auth;
using Okr.Api.Infrastructure.Errors;
using Okr.Api.Infrastructure.Http;
using Okr.Api.Infrastructure.Persistence;

namespace Okr.Api.Features.Cycle;

/// <summary>
/// Check-ins that are due (<see cref="DueCheckIns"/>): the caller's own, or with <paramref name="TeamId"/> a team's (for
/// its leads, admins and API clients; 403 for others). Most overdue first.
/// </summary>
public sealed record ListDueCheckInsQuery(Guid? TeamId, int Page, int PageSize) : IQuery<PagedList<DueCheckInDto>>, IPagedQuery;

public sealed class ListDueCheckInsQueryValidator : AbstractValidator<ListDueCheckInsQuery>
{
    public ListDueCheckInsQueryValidator() => this.RulesForPaging();
}

public sealed class ListDueCheckInsQueryHandler(OkrDbContext db, ICurrentUser user, DueCheckIns due) : IQueryHandler<ListDueCheckInsQuery, PagedList<DueCheckInDto>>
{
    public async ValueTask<PagedList<DueCheckInDto>> Handle(ListDueCheckInsQuery query, CancellationToken cancellationToken)
    {
        Guid? person = null;
        if (query.TeamId is { } teamId)
        {
            if (!await db.Teams.AnyAsync(t => t.Id == teamId, cancellationToken)) throw new NotFoundException("Team", teamId);
            var leads = user.UserId is { } me && await db.TeamMemberships.AnyAsync(m => m.TeamId == teamId && m.UserId == me && m.Role == TeamRole.Lead, cancellationToken);
            if (!user.IsAdmin && !user.IsClient && !leads) throw new ForbiddenException("A team's due check-ins are for its leads, admins and API clients.");
        }
        else
        {
            // An API client owns no key results: it asks for a team's.
            person = user.UserId ?? throw new DomainRuleException("teamId", "An API client owns no key results: ask for a team's (teamId).");
        }

        var (items, total) = await due.PageAsync(person, query.TeamId, query.Page, query.PageSize, cancellationToken);
        return new PagedList<DueCheckInDto>(items, total, query.Page, query.PageSize);
    }
}
