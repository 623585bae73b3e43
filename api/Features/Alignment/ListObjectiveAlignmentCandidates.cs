using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Okr.Api.Domain;
using Okr.Api.Infrastructure.Auth;
using Okr.Api.Infrastructure.Errors;
using Okr.Api.Infrastructure.Http;
using Okr.Api.Infrastructure.Persistence;

namespace Okr.Api.Features.Alignment;

/// <summary>What an existing objective may align to, given its period, team and owner as stored.</summary>
public sealed record ListObjectiveAlignmentCandidatesQuery(Guid Id, string? Q, int Page, int PageSize) : IQuery<PagedList<AlignmentCandidateDto>>, IPagedQuery;

public sealed class ListObjectiveAlignmentCandidatesQueryValidator : AbstractValidator<ListObjectiveAlignmentCandidatesQuery>
{
    public ListObjectiveAlignmentCandidatesQueryValidator()
    {
        this.RulesForPaging();
        RuleFor(q => q.Q).MaximumLength(Limits.Title);
    }
}

public sealed class ListObjectiveAlignmentCandidatesQueryHandler(OkrDbContext db, AccessPolicy access, AlignmentCandidateReader reader)
    : IQueryHandler<ListObjectiveAlignmentCandidatesQuery, PagedList<AlignmentCandidateDto>>
{
    public async ValueTask<PagedList<AlignmentCandidateDto>> Handle(ListObjectiveAlignmentCandidatesQuery query, CancellationToken cancellationToken)
    {
        var objective = await (await access.VisibleAsync(db.Objectives, cancellationToken)).Where(o => o.Id == query.Id)
                            .Select(o => new { o.PeriodId, o.TeamId, o.OwnerId }).SingleOrDefaultAsync(cancellationToken)
                        ?? throw new NotFoundException("Objective", query.Id);
        return await reader.ListAsync(query.Id, objective.PeriodId, objective.TeamId, objective.OwnerId, query.Q, query, cancellationToken);
    }
}
