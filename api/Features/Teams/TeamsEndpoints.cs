using Mediator;
using Okr.Api.Infrastructure.Http;
using Okr.Api.Infrastructure.OpenApi;

namespace Okr.Api.Features.Teams;

public static class TeamsEndpoints
{
    public static RouteGroupBuilder MapTeamsEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/teams").WithTags("Teams");

        group.MapPost("/", async (CreateTeamCommand command, IMediator mediator, HttpResponse response, CancellationToken ct) =>
            {
                var team = await mediator.Send(command, ct);
                ETags.Set(response, team.Version);
                return TypedResults.Created($"{ApiEndpoints.BasePath}/teams/{team.Id}", team);
            })
            .ProducesETag()
            .Named("CreateTeam", "Create a team", "Admins only. The first team, without a parent, is the company; every later team has a parent.")
            .ProducesErrors(400, 401, 403, 409, 422)
            .WithIdempotency();

        group.MapGet("/", async (IMediator mediator, CancellationToken ct, Guid? parentId, string? q, QueryTime? modifiedSince, string? after,
                    bool includeArchived = false, int page = 1, int pageSize = Paging.DefaultPageSize) =>
                TypedResults.Ok(await mediator.Send(new ListTeamsQuery(parentId, includeArchived, q, page, pageSize, modifiedSince?.Value, after), ct)))
            .Describes(
                ("parentId", "Only the teams directly below this one."),
                ("q", "Names or slugs containing this text, case-insensitive."),
                ("includeArchived", "true: archived teams too."),
                ("modifiedSince", "Teams changed at or after this time (archiving counts; send includeArchived=true to see it): an ISO 8601 " +
                                  "date-time with its offset, or a date (start of that day, UTC)."),
                ("after", "The nextCursor of the previous page: reads on from where it ended (with page absent or 1)."))
            .Named("ListTeams", "List teams",
                "By name; filter by parent or by text in name or slug. Archived teams only with includeArchived=true. To sync: read every page " +
                "with includeArchived=true following nextCursor (after=), then later ask for modifiedSince= the time you started.")
            .ProducesErrors(400, 401);

        group.MapGet("/{id:guid}", async (Guid id, IMediator mediator, HttpResponse response, CancellationToken ct) =>
            {
                var team = await mediator.Send(new GetTeamQuery(id), ct);
                ETags.Set(response, team.Version);
                return TypedResults.Ok(team);
            })
            .ProducesETag()
            .Named("GetTeam", "Get a team", "Any signed-in caller. Name, slug, parent team, whether archived, version (ETag) and what the caller may do in it (permissions). 404 for an unknown id.")
            .ProducesErrors(401, 404);

        group.MapPatch("/{id:guid}", async (Guid id, Patch<UpdateTeamRequest> changes, IMediator mediator, HttpRequest request, HttpResponse response, CancellationToken ct) =>
            {
                var team = await mediator.Send(new UpdateTeamCommand(id, ETags.RequireIfMatch(request), changes), ct);
                ETags.Set(response, team.Version);
                return TypedResults.Ok(team);
            })
            .RequiresIfMatch()
            .ProducesETag()
            .Named("UpdateTeam", "Change a team", "Admins only. Send If-Match with the ETag you read.")
            .ProducesErrors(400, 401, 403, 404, 409, 412, 422, 428);

        group.MapPost("/{id:guid}/archive", async (Guid id, IMediator mediator, HttpResponse response, CancellationToken ct) =>
            {
                var team = await mediator.Send(new ArchiveTeamCommand(id), ct);
                ETags.Set(response, team.Version);
                return TypedResults.Ok(team);
            })
            .ProducesETag()
            .Named("ArchiveTeam", "Archive a team", "Admins only. The team's objectives and history stay; it takes no new objectives.")
            .ProducesErrors(401, 403, 404, 422);

        group.MapGet("/{id:guid}/members", async (Guid id, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new ListTeamMembersQuery(id), ct)))
            .Named("ListTeamMembers", "List a team's members", "Leads first, every member in one unpaged array.")
            // Every other list is paged; GET /users?teamId= is this list paged, with each person's role in every team.
            .Deprecated(since: new DateOnly(2026, 12, 4), sunset: new DateOnly(2027, 6, 4), successor: "/api/v1/users?teamId={id}")
            .ProducesErrors(401, 404);

        group.MapPut("/{id:guid}/members/{userId:guid}", async (Guid id, Guid userId, SetTeamMemberRequest body, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new SetTeamMemberCommand(id, userId, body.Role), ct)))
            .Named("SetTeamMember", "Add a person to a team or change their role", "Admins and the team's leads.")
            .ProducesErrors(400, 401, 403, 404, 422);

        group.MapDelete("/{id:guid}/members/{userId:guid}", async (Guid id, Guid userId, IMediator mediator, CancellationToken ct) =>
            {
                await mediator.Send(new RemoveTeamMemberCommand(id, userId), ct);
                return TypedResults.NoContent();
            })
            .Named("RemoveTeamMember", "Remove a person from a team", "Admins and the team's leads.")
            .ProducesErrors(401, 403, 404);

        return api;
    }
}
