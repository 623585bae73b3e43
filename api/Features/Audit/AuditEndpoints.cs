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

public static class AuditEndpoints
{
    public static RouteGroupBuilder MapAuditEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/audit", async (IMediator mediator, CancellationToken ct, string? entityType, Guid? entityId, int page = 1, int pageSize = Paging.DefaultPageSize) =>
                TypedResults.Ok(await mediator.Send(new ListAuditQuery(entityType, entityId, page, pageSize), ct)))
            .WithTags("Audit")
            .Describes(
                ("entityType", "Only entries about this kind of entity (objective, key_result, period, team, user, …)."),
                ("entityId", "Only entries about this entity."))
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
