using Mediator;
using Okr.Api.Infrastructure.OpenApi;

namespace Okr.Api.Features.Alignment;

public static class AlignmentEndpoints
{
    public static RouteGroupBuilder MapAlignmentEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/alignment", async (Guid periodId, Guid? teamId, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new GetAlignmentQuery(periodId, teamId), ct)))
            .WithTags("Alignment")
            .Named("GetAlignment", "Get the alignment tree of a period",
                "Every objective of the period (or of a team and the teams below it), except archived ones, as a flat list with parentId, " +
                "level, owner, progress, expected progress, status and key results. Build the tree from parentId.")
            .ProducesErrors(400, 401, 404);
        return api;
    }
}
