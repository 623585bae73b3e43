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

public sealed record ListAuditQuery(string? EntityType, Guid? EntityId, int Page, int PageSize) : IQuery<PagedList<AuditEntryDto>>, IPagedQuery;

public sealed class ListAuditQueryValidator : AbstractValidator<ListAuditQuery>
{
    public ListAuditQueryValidator()
    {
        this.RulesForPaging();
        RuleFor(q => q.EntityType).MaximumLength(32);
    }
}

public sealed class ListAuditQueryHandler(OkrDbContext db, AccessPolicy access) : IQueryHandler<ListAuditQuery, PagedList<AuditEntryDto>>
{
    public async ValueTask<PagedList<AuditEntryDto>> Handle(ListAuditQuery query, CancellationToken cancellationToken)
    {
        access.EnsureAdmin("read the audit log");
        var entries = db.AuditEntries.AsQueryable();
        if (query.EntityType is { } type) entries = entries.Where(a => a.EntityType == type);
        if (query.EntityId is { } id) entries = entries.Where(a => a.EntityId == id);
        return await AuditPages.PageAsync(entries, query, cancellationToken);
    }
}
