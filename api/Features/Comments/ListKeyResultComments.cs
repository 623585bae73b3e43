using FluentValidation;
using Mediator;
using Okr.Api.Infrastructure.Http;

namespace Okr.Api.Features.Comments;

/// <summary>A key result's thread: its comments and check-ins merged by when they were written, oldest first.</summary>
/// <param name="KeyResultId">The key result.</param>
/// <param name="Page">From 1.</param>
/// <param name="PageSize">1..500.</param>
public sealed record ListKeyResultCommentsQuery(Guid KeyResultId, int Page, int PageSize) : IQuery<PagedList<ThreadEntryDto>>, IPagedQuery;

public sealed class ListKeyResultCommentsQueryValidator : AbstractValidator<ListKeyResultCommentsQuery>
{
    public ListKeyResultCommentsQueryValidator() => this.RulesForPaging();
}

/// <summary>404 when the key result does not exist or its objective is a draft the caller may not see.</summary>
public sealed class ListKeyResultCommentsQueryHandler(CommentAccess access, CommentReader reader) : IQueryHandler<ListKeyResultCommentsQuery, PagedList<ThreadEntryDto>>
{
    public async ValueTask<PagedList<ThreadEntryDto>> Handle(ListKeyResultCommentsQuery query, CancellationToken cancellationToken)
    {
        var (keyResult, objective) = await access.KeyResultAsync(query.KeyResultId, cancellationToken);
        return await reader.ThreadAsync(objective.Id, keyResult.Id, query, cancellationToken);
    }
}
