using FluentValidation;
using Mediator;
using Okr.Api.Domain;
using Okr.Api.Infrastructure.Http;

namespace Okr.Api.Features.Alignment;

/// <summary>
/// What a new objective of <paramref name="TeamId"/> (and <paramref name="OwnerId"/>, for an individual one) in <paramref name="PeriodId"/>
/// may align to. <paramref name="ObjectiveId"/>, when an existing objective is being edited with another team or owner, leaves out
/// the objective itself and everything aligned below it.
/// </summary>
public sealed record ListAlignmentCandidatesQuery(Guid PeriodId, Guid TeamId, Guid? OwnerId, Guid? ObjectiveId, string? Q, int Page, int PageSize)
    : IQuery<PagedList<AlignmentCandidateDto>>, IPagedQuery;

public sealed class ListAlignmentCandidatesQueryValidator : AbstractValidator<ListAlignmentCandidatesQuery>
{
    public ListAlignmentCandidatesQueryValidator()
    {
        this.RulesForPaging();
        RuleFor(q => q.PeriodId).NotEmpty();
        RuleFor(q => q.TeamId).NotEmpty();
        RuleFor(q => q.Q).MaximumLength(Limits.Title);
    }
}

public sealed class ListAlignmentCandidatesQueryHandler(AlignmentCandidateReader reader)
    : IQueryHandler<ListAlignmentCandidatesQuery, PagedList<AlignmentCandidateDto>>
{
    public async ValueTask<PagedList<AlignmentCandidateDto>> Handle(ListAlignmentCandidatesQuery query, CancellationToken cancellationToken) =>
        await reader.ListAsync(query.ObjectiveId, query.PeriodId, query.TeamId, query.OwnerId, query.Q, query, cancellationToken);
}
