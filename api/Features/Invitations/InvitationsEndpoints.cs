using Mediator;
using Okr.Api.Features.Auth;
using Okr.Api.Infrastructure.OpenApi;

namespace Okr.Api.Features.Invitations;

/// <summary>Getting people in: invitations, password resets (by the person, or sent by an admin).</summary>
public static class InvitationsEndpoints
{
    public static RouteGroupBuilder MapInvitationsEndpoints(this RouteGroupBuilder api)
    {
        var invitations = api.MapGroup("/invitations").WithTags("Invitations");

        invitations.MapPost("/", async (CreateInvitationCommand command, IMediator mediator, CancellationToken ct) =>
            {
                var invitation = await mediator.Send(command, ct);
                return TypedResults.Created($"{ApiEndpoints.BasePath}/users/{invitation.UserId}", invitation);
            })
            .Named("CreateInvitation", "Invite someone",
                "Admins invite anyone; team leads invite members and viewers into teams they lead (403 otherwise). The person is created as invited " +
                "and gets a single-use link valid 7 days by email; without a mail server the answer carries it once as link. 409 when the email has an account.")
            .ProducesErrors(400, 401, 403, 409, 422);

        invitations.MapGet("/", async (IMediator mediator, CancellationToken ct) => TypedResults.Ok(await mediator.Send(new ListInvitationsQuery(), ct)))
            .Named("ListInvitations", "Pending invitations", "Admins: all; team leads: those into their teams. Links are never shown again.")
            .ProducesErrors(401, 403);

        invitations.MapPost("/{id:guid}/resend", async (Guid id, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new ResendInvitationCommand(id), ct)))
            .Named("ResendInvitation", "Send an invitation again", "A fresh link; the old one stops working.")
            .ProducesErrors(401, 403, 404);

        invitations.MapDelete("/{id:guid}", async (Guid id, IMediator mediator, CancellationToken ct) =>
            {
                await mediator.Send(new RevokeInvitationCommand(id), ct);
                return TypedResults.NoContent();
            })
            .Named("RevokeInvitation", "Withdraw an invitation", "The link stops working and the invited person is deactivated.")
            .ProducesErrors(401, 403, 404);

        invitations.MapPost("/accept", async (AcceptInvitationCommand command, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(command, ct)))
            .AllowAnonymous()
            .RequireRateLimiting(AuthEndpoints.RateLimitPolicy)
            .Named("AcceptInvitation", "Accept an invitation",
                "Sets the person's password with the token from the link and signs them in (answered like a sign-in, with the email). " +
                "422 token, in the same words for used, replaced, expired and forged links.")
            .ProducesErrors(400, 422, 429);

        var auth = api.MapGroup("/auth").WithTags("Auth");
        auth.MapPost("/password-reset", async (RequestPasswordResetCommand command, IMediator mediator, CancellationToken ct) =>
                TypedResults.Accepted((string?)null, await mediator.Send(command, ct)))
            .AllowAnonymous()
            .RequireRateLimiting(AuthEndpoints.RateLimitPolicy)
            .Named("RequestPasswordReset", "Forgot password",
                "202 with the same words whether or not the email has an account; a single-use link valid 30 minutes goes to an account's email.")
            .ProducesErrors(400, 429);

        auth.MapPost("/password-reset/confirm", async (ConfirmPasswordResetCommand command, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(command, ct)))
            .AllowAnonymous()
            .RequireRateLimiting(AuthEndpoints.RateLimitPolicy)
            .Named("ConfirmPasswordReset", "Set a new password from a reset link",
                "Ends every session of the person. 422 token, in the same words for used, replaced, expired and forged links.")
            .ProducesErrors(400, 422, 429);

        api.MapPost("/users/{id:guid}/password-reset", async (Guid id, IMediator mediator, CancellationToken ct) =>
                TypedResults.Accepted((string?)null, await mediator.Send(new SendPasswordResetCommand(id), ct)))
            .WithTags("Users")
            .Named("SendPasswordReset", "Send someone a reset link", "Admins only. Without a mail server the answer carries the link once.")
            .ProducesErrors(401, 403, 404, 422);

        return api;
    }
}
