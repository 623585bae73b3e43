using FluentValidation;
using Mediator;
using Okr.Api.Infrastructure.Http;

namespace Okr.Api.Features.Comments;

/// <summary>An objective's own thread: its comments (not its key results'), oldest first.</summary>
/// <param name="ObjectiveId">The objective.</param>
/// <param name="Page">From 1.</param>
/// <param name="PageSize">1..500.</param>
public sealed record ListObjectiveCommentsQuery(Guid ObjectiveId, int Page, int PageSize) : IQuery<PagedList<ThreadEntryDto>>, IPagedQuery;

public sealed class ListObjectiveCommentsQueryValidator : AbstractValidator<ListObjectiveCommentsQuery>
{
    public ListObjectiveCommentsQueryValidator() => this.RulesForPaging();
}

/// <summary>404 when the objective does not exist or is a draft the caller may not see.</summary>
public sealed class ListObjectiveCommentsQueryHandler(CommentAccess access, CommentReader reader) : IQueryHandler<ListObjectiveCommentsQuery, PagedList<ThreadEntryDto>>
{
    public async ValueTask<PagedList<ThreadEntryDto>> Handle(ListObjectiveCommentsQuery query, CancellationToken cancellationToken)
    {
        var objective = await access.ObjectiveAsync(query.ObjectiveId, cancellationToken);
        return await reader.ThreadAsync(objective.Id, null, query, cancellationToken);
    }
}
