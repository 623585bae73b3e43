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

/// <summary>One recorded write.</summary>
/// <param name="Id">Identifier.</param>
/// <param name="At">When.</param>
/// <param name="ActorUserId">The person who wrote; null for an API client or the system.</param>
/// <param name="ActorClientId">The API client that wrote, if one did.</param>
/// <param name="EntityType">objective, key_result, check_in, team, team_membership, user, period or api_client.</param>
/// <param name="EntityId">The entity's id (for team memberships: the team's).</param>
/// <param name="ObjectiveId">The objective a key result or check-in belongs to.</param>
/// <param name="Action">created, updated or deleted.</param>
/// <param name="Changes">Each changed field with its old and new value: { "title": { "old": "…", "new": "…" } }.</param>
/// <param name="ImportId">The bulk import that made the change (GET /api/v1/imports/{id}); null for a change made one at a time.</param>
public sealed record AuditEntryDto(
    Guid Id, DateTimeOffset At, Guid? ActorUserId, Guid? ActorClientId, string EntityType, Guid EntityId, Guid? ObjectiveId, AuditAction Action,
    JsonElement Changes, Guid? ImportId);

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

internal static class AuditPages
{
    public static async Task<PagedList<AuditEntryDto>> PageAsync(IQueryable<AuditEntry> entries, IPagedQuery paging, CancellationToken ct)
    {
        var page = await entries.OrderByDescending(a => a.At).ThenByDescending(a => a.Id).ToPagedListAsync(paging, ct);
        var items = page.Items.Select(a => new AuditEntryDto(a.Id, a.At, a.ActorUserId, a.ActorClientId, a.EntityType, a.EntityId, a.ObjectiveId, a.Action,
            JsonDocument.Parse(a.Changes).RootElement.Clone(), a.ImportId)).ToList();
        return new PagedList<AuditEntryDto>(items, page.TotalCount, page.Page, page.PageSize);
    }
}

public static class AuditEndpoints
{
    public static RouteGroupBuilder MapAuditEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/audit", async (IMediator mediator, CancellationToken ct, string? entityType, Guid? entityId, int page = 1, int pageSize = Paging.DefaultPageSize) =>
                TypedResults.Ok(await mediator.Send(new ListAuditQuery(entityType, entityId, page, pageSize), ct)))
            .WithTags("Audit")
            .Named("ListAudit", "Read the audit log", "Admins only. Every write: who, when, what, and each changed field's old and new value. Newest first.")
            .ProducesErrors(400, 401, 403);

        api.MapGet("/objectives/{id:guid}/history", async (Guid id, IMediator mediator, CancellationToken ct, int page = 1, int pageSize = Paging.DefaultPageSize) =>
                TypedResults.Ok(await mediator.Send(new GetObjectiveHistoryQuery(id, page, pageSize), ct)))
            .WithTags("Audit")
            .Named("GetObjectiveHistory", "Read the history of an objective", "Changes to the objective, its key results and their check-ins, newest first; for anyone who can read the objective.")
            .ProducesErrors(400, 401, 404);

        return api;
    }
}
