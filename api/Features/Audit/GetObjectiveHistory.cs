using System.Text.Json;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Okr.Api.Domain;
using Okr.Api.Infrastructure.Auth;
using Okr.Api.Infrastructure.Http;
using Okr.Api.Infrastructure.OpenApi;
using Okr.Api.Infrastructure.Persistence;

namespace Okr.Api.Features.Audit;

/// <summary>Everything that happened to one objective, its key results and their check-ins, newest first.</summary>
public sealed record GetObjectiveHistoryQuery(Guid ObjectiveId, int Page, int PageSize) : IQuery<PagedList<AuditEntryDto>>, IPagedQuery;

public sealed class GetObjectiveHistoryQueryValidator : AbstractValidator<GetObjectiveHistoryQuery>
{
    public GetObjectiveHistoryQueryValidator() => this.RulesForPaging();
}

public sealed class GetObjectiveHistoryQueryHandler(OkrDbContext db, AccessPolicy access) : IQueryHandler<GetObjectiveHistoryQuery, PagedList<AuditEntryDto>>
{
    public async ValueTask<PagedList<AuditEntryDto>> Handle(GetObjectiveHistoryQuery query, CancellationToken cancellationToken)
    {
        await access.EnsureVisibleAsync(query.ObjectiveId, cancellationToken);
        return await AuditPages.PageAsync(db.AuditEntries.Where(a => a.ObjectiveId == query.ObjectiveId), query, cancellationToken);
    }
}
