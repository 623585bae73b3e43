using Mediator;
using Okr.Api.Infrastructure.Http;
using Okr.Api.Infrastructure.OpenApi;

namespace Okr.Api.Features.Alignment;

public static class AlignmentEndpoints
{
    public static RouteGroupBuilder MapAlignmentEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/alignment", async (Guid periodId, Guid? teamId, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new GetAlignmentQuery(periodId, teamId), ct)))
            .WithTags("Alignment")
            .Describes(
                ("periodId", "The period whose objectives to answer (required)."),
                ("teamId", "Only this team and the teams below it."))
            .Named("GetAlignment", "Get the alignment tree of a period",
                "Every objective of the period (or of a team and the teams below it), except archived ones, as a flat list with parentId, " +
                "level, owner, progress, expected progress, status and key results. Build the tree from parentId.")
            .ProducesErrors(400, 401, 404);

        api.MapGet("/alignment-candidates", async (IMediator mediator, CancellationToken ct, Guid periodId, Guid teamId, Guid? ownerId,
                    Guid? objectiveId, string? q, int page = 1, int pageSize = Paging.DefaultPageSize) =>
                TypedResults.Ok(await mediator.Send(new ListAlignmentCandidatesQuery(periodId, teamId, ownerId, objectiveId, q, page, pageSize), ct)))
            .WithTags("Alignment")
            .Describes(
                ("periodId", "The period of the objective to align (required)."),
                ("teamId", "The team the objective is set for (required)."),
                ("ownerId", "Its owner, for an individual objective."),
                ("objectiveId", "The objective being edited: it and everything aligned below it are left out."),
                ("q", "Titles containing this text, case-insensitive."))
            .Named("ListAlignmentCandidates", "List what a new objective may align to",
                "The objectives an objective of teamId (and ownerId, for an individual one) in periodId may take as parentId: same period, " +
                "a higher level, not archived, visible to the caller; with objectiveId, never that objective or anything aligned below it. " +
                "By title; q searches titles. 422 when teamId names no team.")
            .ProducesErrors(400, 401, 422);

        api.MapGet("/objectives/{id:guid}/alignment-candidates", async (Guid id, IMediator mediator, CancellationToken ct, string? q,
                    int page = 1, int pageSize = Paging.DefaultPageSize) =>
                TypedResults.Ok(await mediator.Send(new ListObjectiveAlignmentCandidatesQuery(id, q, page, pageSize), ct)))
            .WithTags("Alignment")
            .Describes(
                ("q", "Titles containing this text, case-insensitive."))
            .Named("ListObjectiveAlignmentCandidates", "List what an objective may align to",
                "As ListAlignmentCandidates for this objective's period, team and owner, leaving out the objective and everything aligned below it.")
            .ProducesErrors(400, 401, 404);
        return api;
    }
}
