using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Okr.Api.Domain;
using Okr.Api.Infrastructure.Http;
using Okr.Api.Infrastructure.Persistence;

namespace Okr.Api.Features.Conversations;

/// <summary>A conversation in a list: who, when, where it stands, and how much is on it.</summary>
/// <param name="Id">Identifier.</param>
/// <param name="EmployeeId">The person.</param>
/// <param name="ManagerId">Their manager.</param>
/// <param name="ScheduledAt">When it is planned.</param>
/// <param name="HeldAt">When it took place.</param>
/// <param name="State">scheduled, held or cancelled.</param>
/// <param name="Title">Its name.</param>
/// <param name="AgendaItems">Items on its agenda.</param>
/// <param name="OpenActionItems">Its action items not done yet.</param>
public sealed record ConversationSummaryDto(
    Guid Id, Guid EmployeeId, Guid ManagerId, DateTimeOffset ScheduledAt, DateTimeOffset? HeldAt, ConversationState State, string Title,
    int AgendaItems, int OpenActionItems);

/// <summary>Conversations the caller may see, newest first (by the time scheduled); filters combine. <c>objectiveId</c>: those whose agenda is about it or one of its key results.</summary>
public sealed record ListConversationsQuery(
    Guid? EmployeeId, Guid? ManagerId, ConversationState? State, DateTimeOffset? From, DateTimeOffset? To, Guid? ObjectiveId, int Page, int PageSize)
    : IQuery<PagedList<ConversationSummaryDto>>, IPagedQuery;

public sealed class ListConversationsQueryValidator : AbstractValidator<ListConversationsQuery>
{
    public ListConversationsQueryValidator()
    {
        this.RulesForPaging();
        RuleFor(q => q.To).GreaterThanOrEqualTo(q => q.From).When(q => q.From is not null && q.To is not null).WithMessage("'to' must not be before 'from'.");
    }
}

public sealed class ListConversationsQueryHandler(OkrDbContext db, ConversationAccess access) : IQueryHandler<ListConversationsQuery, PagedList<ConversationSummaryDto>>
{
    public async ValueTask<PagedList<ConversationSummaryDto>> Handle(ListConversationsQuery query, CancellationToken cancellationToken)
    {
        var conversations = access.Visible(db.Conversations);
        if (query.EmployeeId is { } employee) conversations = conversations.Where(c => c.EmployeeId == employee);
        if (query.ManagerId is { } manager) conversations = conversations.Where(c => c.ManagerId == manager);
        if (query.State is { } state) conversations = conversations.Where(c => c.State == state);
        if (query.From is { } from) conversations = conversations.Where(c => c.ScheduledAt >= from);
        if (query.To is { } to) conversations = conversations.Where(c => c.ScheduledAt <= to);
        if (query.ObjectiveId is { } objective)
        {
            conversations = conversations.Where(c => db.AgendaItems.Any(a => a.ConversationId == c.Id && a.ObjectiveId == objective));
        }

        return await conversations.OrderByDescending(c => c.ScheduledAt).ThenByDescending(c => c.Id)
            .Select(c => new ConversationSummaryDto(c.Id, c.EmployeeId, c.ManagerId, c.ScheduledAt, c.HeldAt, c.State, c.Title,
                db.AgendaItems.Count(a => a.ConversationId == c.Id), db.ActionItems.Count(a => a.ConversationId == c.Id && !a.Done)))
            .ToPagedListAsync(query, cancellationToken);
    }
}
