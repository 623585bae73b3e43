using Mediator;
using Okr.Api.Infrastructure.Http;
using Okr.Api.Infrastructure.OpenApi;

namespace Okr.Api.Features.Cycle;

/// <summary>The OKR cycle: closing reviews, carry-over, due check-ins and period schedules (docs/method.md, "The cycle").</summary>
public static class CycleEndpoints
{
    public static RouteGroupBuilder MapCycleEndpoints(this RouteGroupBuilder api)
    {
        var periods = api.MapGroup("/periods").WithTags("Periods");

        periods.MapGet("/{id:guid}/review", async (Guid id, IMediator mediator, CancellationToken ct, int page = 1, int pageSize = Paging.DefaultPageSize) =>
                TypedResults.Ok(await mediator.Send(new GetPeriodReviewQuery(id, page, pageSize), ct)))
            .Named("GetPeriodReview", "Review a period's outcome",
                "The closing review: a summary (objectives, closed, scored, average score, achieved at 0.7 or more, missed) and one row per " +
                "active or closed objective with its progress, final score, suggested score (its progress) and carry-over link. Admins, team leads " +
                "and API clients see every objective; members and viewers their own and their teams'.")
            .ProducesErrors(400, 401, 404);

        periods.MapPost("/{id:guid}/carry-over", async (Guid id, CarryOverPeriodRequest request, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new CarryOverPeriodCommand(id, request), ct)))
            .Named("CarryOverPeriod", "Carry a period's unfinished objectives into another",
                "Carries the listed objectives, or every unfinished one the caller may change, in one transaction: each copy keeps title, description, " +
                "team, owner and weight, takes the key results not yet done with their current value as the new baseline, and aligns to its parent's " +
                "copy. Objectives that cannot be carried are listed with the reason. The target period must exist, differ and not be closed (422, toPeriodId).")
            .ProducesErrors(400, 401, 403, 404, 409, 422);

        periods.MapPost("/generate", async (GeneratePeriodsCommand command, IMediator mediator, CancellationToken ct) =>
                TypedResults.Created($"{ApiEndpoints.BasePath}/periods", await mediator.Send(command, ct)))
            .Named("GeneratePeriods", "Create a schedule of periods",
                "Admins only. Consecutive months, quarters or half-years from the first day of a month, labelled by the calendar (\"2027 Q1\"); " +
                "labels that exist are skipped and listed.")
            .ProducesErrors(400, 401, 403, 422)
            .WithIdempotency();

        api.MapPost("/objectives/{id:guid}/carry-over", async (Guid id, CarryOverRequest request, IMediator mediator, CancellationToken ct) =>
            {
                var copy = await mediator.Send(new CarryOverObjectiveCommand(id, request.PeriodId), ct);
                return TypedResults.Created($"{ApiEndpoints.BasePath}/objectives/{copy.Id}", copy);
            })
            .WithTags("Objectives")
            .Named("CarryOverObjective", "Carry an objective into another period",
                "Whoever may change the objective. The copy keeps title, description, team, owner and weight; key results not yet done come along " +
                "with their current value as the baseline and the same target; the original links to the copy and, if still active, is closed with " +
                "its progress as the score. 409 when it was carried over before; 422 for a draft, archived or finished objective and for an unknown, " +
                "closed or the same period (periodId).")
            .ProducesErrors(400, 401, 403, 404, 409, 422)
            .WithIdempotency();

        api.MapGet("/due-check-ins", async (IMediator mediator, CancellationToken ct, Guid? teamId, int page = 1, int pageSize = Paging.DefaultPageSize) =>
                TypedResults.Ok(await mediator.Send(new ListDueCheckInsQuery(teamId, page, pageSize), ct)))
            .WithTags("Check-ins")
            .Describes(
                ("teamId", "A team's due check-ins instead of your own (its leads, admins and API clients)."))
            .Named("ListDueCheckIns", "List check-ins that are due",
                "Key results of active objectives in active, started periods whose last check-in (or the period's start) is cadenceDays or more ago: " +
                "the caller's own (key results they own, or of objectives they own when the key result has no owner), or with teamId a team's, " +
                "for its leads, admins and API clients (403 otherwise). Most overdue first.")
            .ProducesErrors(400, 401, 403, 404, 422);

        return api;
    }
}
