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
