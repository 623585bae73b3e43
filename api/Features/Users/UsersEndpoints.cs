using Mediator;
using Okr.Api.Infrastructure.Http;
using Okr.Api.Infrastructure.OpenApi;

namespace Okr.Api.Features.Users;

public static class UsersEndpoints
{
    public static RouteGroupBuilder MapUsersEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/users").WithTags("Users");

        group.MapPost("/", async (CreateUserCommand command, IMediator mediator, CancellationToken ct) =>
            {
                var user = await mediator.Send(command, ct);
                return TypedResults.Created($"{ApiEndpoints.BasePath}/users/{user.Id}", user);
            })
            .Named("CreateUser", "Create a user", "Admins only. Sets the person's initial password.")
            .ProducesErrors(400, 401, 403, 409, 422)
            .WithIdempotency();

        group.MapGet("/", async (IMediator mediator, CancellationToken ct, Guid? teamId, Guid? managerId, string? q, QueryTime? modifiedSince, string? after,
                    int page = 1, int pageSize = Paging.DefaultPageSize) =>
                TypedResults.Ok(await mediator.Send(new ListUsersQuery(teamId, managerId, q, page, pageSize, modifiedSince?.Value, after), ct)))
            .Describes(
                ("teamId", "Only members of this team."),
                ("managerId", "Only this person's direct reports."),
                ("q", "Display names or emails containing this text, case-insensitive."),
                ("modifiedSince", "People changed at or after this time (a change of their team memberships counts): an ISO 8601 date-time " +
                                  "with its offset, or a date (start of that day, UTC). Deletions are events (GET /events, user.deleted)."),
                ("after", "The nextCursor of the previous page: reads on from where it ended (with page absent or 1)."))
            .Named("ListUsers", "List users",
                "By display name; filter by team, manager, or text in name or email. To sync: read every page following nextCursor (after=), " +
                "then later ask for modifiedSince= the time you started.")
            .ProducesErrors(400, 401);

        group.MapGet("/me", async (IMediator mediator, CancellationToken ct) => TypedResults.Ok(await mediator.Send(new GetCurrentUserQuery(), ct)))
            .Named("GetCurrentUser", "Get the signed-in user", "Who the access token belongs to, with their team memberships.")
            .ProducesErrors(401, 404);

        group.MapGet("/{id:guid}", async (Guid id, IMediator mediator, HttpResponse response, CancellationToken ct) =>
            {
                var user = await mediator.Send(new GetUserQuery(id), ct);
                ETags.Set(response, user.Version);
                return TypedResults.Ok(user);
            })
            .ProducesETag()
            .Named("GetUser", "Get a user", "Any signed-in caller; the email is null for viewers and read-only API clients (but not for the person themself). Role, manager, active, invited, two-step sign-in on, teams with the role in each, and version (ETag). 404 for an unknown id.")
            .ProducesErrors(401, 404);

        group.MapPatch("/{id:guid}", async (Guid id, Patch<UpdateUserRequest> changes, IMediator mediator, HttpRequest request, HttpResponse response, CancellationToken ct) =>
            {
                var user = await mediator.Send(new UpdateUserCommand(id, ETags.RequireIfMatch(request), changes), ct);
                ETags.Set(response, user.Version);
                return TypedResults.Ok(user);
            })
            .RequiresIfMatch()
            .ProducesETag()
            .Named("UpdateUser", "Change a user", "Admins only: display name, role (admin, member, viewer) and manager.")
            .ProducesErrors(400, 401, 403, 404, 412, 422, 428);

        group.MapPost("/{id:guid}/deactivate", async (Guid id, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new DeactivateUserCommand(id), ct)))
            .Named("DeactivateUser", "Deactivate a user", "Admins only. The person can no longer sign in and is signed out everywhere; their OKRs stay.")
            .ProducesErrors(401, 403, 404, 422);

        group.MapPost("/{id:guid}/activate", async (Guid id, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new ActivateUserCommand(id), ct)))
            .Named("ActivateUser", "Reactivate a user", "Admins only.")
            .ProducesErrors(401, 403, 404);

        group.MapPost("/me/two-factor", async (IMediator mediator, CancellationToken ct) => TypedResults.Ok(await mediator.Send(new StartTwoFactorCommand(), ct)))
            .Named("StartTwoFactor", "Set up two-step sign-in",
                "A new secret for your authenticator app (also as an otpauth:// address for a QR code). Nothing changes until a code is confirmed.")
            .ProducesErrors(401, 403, 422);

        group.MapPost("/me/two-factor/confirm", async (ConfirmTwoFactorCommand command, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(command, ct)))
            .Named("ConfirmTwoFactor", "Turn two-step sign-in on",
                "With a code the app shows now; answers ten single-use recovery codes, shown this once. From then on password sign-ins need totpCode. " +
                "Wrong codes count towards the sign-in lockout.")
            .RequireRateLimiting(Features.Auth.AuthEndpoints.RateLimitPolicy)
            .ProducesErrors(400, 401, 403, 422, 429);

        group.MapPost("/me/two-factor/disable", async (DisableTwoFactorCommand command, IMediator mediator, CancellationToken ct) =>
            {
                await mediator.Send(command, ct);
                return TypedResults.NoContent();
            })
            .Named("DisableTwoFactor", "Turn two-step sign-in off", "Needs a current code or a recovery code; wrong ones count towards the sign-in lockout.")
            .RequireRateLimiting(Features.Auth.AuthEndpoints.RateLimitPolicy)
            .ProducesErrors(400, 401, 403, 422, 429);

        group.MapPost("/me/password", async (ChangePasswordCommand command, IMediator mediator, CancellationToken ct) =>
            {
                await mediator.Send(command, ct);
                return TypedResults.NoContent();
            })
            .Named("ChangePassword", "Change your password",
                "Needs the current password; ends every session, this one too (sign in again with the new one). Wrong current passwords count " +
                "towards the same lockout as sign-ins (429 with Retry-After), and the endpoint shares the sign-in rate limit.")
            .RequireRateLimiting(Features.Auth.AuthEndpoints.RateLimitPolicy)
            .ProducesErrors(400, 401, 403, 422, 429);

        return api;
    }
}
