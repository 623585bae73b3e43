using Mediator;
using Okr.Api.Domain;
using Okr.Api.Infrastructure.Http;
using Okr.Api.Infrastructure.OpenApi;

namespace Okr.Api.Features.Periods;

public static class PeriodsEndpoints
{
    public static RouteGroupBuilder MapPeriodsEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/periods").WithTags("Periods");

        group.MapPost("/", async (CreatePeriodCommand command, IMediator mediator, HttpResponse response, CancellationToken ct) =>
            {
                var period = await mediator.Send(command, ct);
                ETags.Set(response, period.Version);
                return TypedResults.Created($"{ApiEndpoints.BasePath}/periods/{period.Id}", period);
            })
            .ProducesETag()
            .Named("CreatePeriod", "Create a period", "Admins only. A period starts in state planning.")
            .ProducesErrors(400, 401, 403, 409, 422)
            .WithIdempotency();

        group.MapGet("/", async (IMediator mediator, CancellationToken ct, QueryEnum<PeriodState>? state, int page = 1, int pageSize = Paging.DefaultPageSize) =>
                TypedResults.Ok(await mediator.Send(new ListPeriodsQuery(state?.Value, page, pageSize), ct)))
            .Describes(
                ("state", "Only periods in this state."))
            .Named("ListPeriods", "List periods", "Newest first; filter by state.")
            .ProducesErrors(400, 401);

        group.MapGet("/{id:guid}", async (Guid id, IMediator mediator, HttpResponse response, CancellationToken ct) =>
            {
                var period = await mediator.Send(new GetPeriodQuery(id), ct);
                ETags.Set(response, period.Version);
                return TypedResults.Ok(period);
            })
            .ProducesETag()
            .Named("GetPeriod", "Get a period", "Any signed-in caller. Its label, dates (ISO 8601, end inclusive), state (planning, active, closed) and version (ETag). 404 for an unknown id.")
            .ProducesErrors(401, 404);

        group.MapPatch("/{id:guid}", async (Guid id, Patch<UpdatePeriodRequest> changes, IMediator mediator, HttpRequest request, HttpResponse response, CancellationToken ct) =>
            {
                var period = await mediator.Send(new UpdatePeriodCommand(id, ETags.RequireIfMatch(request), changes), ct);
                ETags.Set(response, period.Version);
                return TypedResults.Ok(period);
            })
            .RequiresIfMatch()
            .ProducesETag()
            .Named("UpdatePeriod", "Change a period", "Admins only. Send If-Match with the ETag you read; states only move forward.")
            .ProducesErrors(400, 401, 403, 404, 409, 412, 422, 428);

        return api;
    }
}
