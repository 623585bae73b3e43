using Mediator;
using Okr.Api.Domain;
using Okr.Api.Infrastructure.Http;
using Okr.Api.Infrastructure.OpenApi;

namespace Okr.Api.Features.CheckIns;

public static class CheckInsEndpoints
{
    /// <summary>The web app names itself with this header so its check-ins are recorded with source "web".</summary>
    public const string ClientHeader = "X-Okr-Client";

    public static RouteGroupBuilder MapCheckInsEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/key-results/{id:guid}/check-ins").WithTags("Check-ins");

        group.MapPost("/", async (Guid id, RecordCheckInRequest checkIn, IMediator mediator, HttpRequest request, CancellationToken ct) =>
            {
                var source = request.Headers[ClientHeader] == "web" ? CheckInSource.Web : CheckInSource.Api;
                var created = await mediator.Send(new RecordCheckInCommand(id, checkIn, source), ct);
                // Check-ins are read as a key result's history; there is no separate address for one.
                return TypedResults.Created((string?)null, created);
            })
            .Named("RecordCheckIn", "Check in on a key result",
                "Records a value with confidence and note. The key result's current value becomes the value of the check-in with the latest measuredAt. " +
                "Check-ins are history: they are never changed. The key result's owner, the objective's owner, team leads and admins may check in.")
            .ProducesErrors(400, 401, 403, 404, 422)
            .WithIdempotency();

        group.MapGet("/", async (Guid id, IMediator mediator, CancellationToken ct, QueryTime? createdSince, string? after,
                    int page = 1, int pageSize = Paging.DefaultPageSize) =>
                TypedResults.Ok(await mediator.Send(new ListCheckInsQuery(id, page, pageSize, createdSince?.Value, after), ct)))
            .Describes(
                ("createdSince", "Check-ins recorded at or after this time (check-ins are never changed, so this is all a sync needs): " +
                                 "an ISO 8601 date-time with its offset, or a date (start of that day, UTC)."),
                ("after", "The nextCursor of the previous page: reads on from where it ended (with page absent or 1)."))
            .Named("ListCheckIns", "List the check-ins of a key result", "Newest first (by measuredAt, then by when they were recorded).")
            .ProducesErrors(400, 401, 404);

        return api;
    }
}
