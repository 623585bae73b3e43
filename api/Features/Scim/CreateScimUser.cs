using System.Text.Json.Nodes;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Okr.Api.Domain;
using Okr.Api.Infrastructure.Mediator;
using Okr.Api.Infrastructure.Persistence;

namespace Okr.Api.Features.Scim;

/// <summary>
/// POST /scim/v2/Users: a new member (no password: they sign in through single sign-on, or an admin sends a reset link).
/// A userName already in use is 409 uniqueness — except a person the directory deleted before, who comes back (rehired).
/// </summary>
public sealed record CreateScimUserCommand(JsonObject Body) : ICommand<JsonObject>, IDirectoryCommand;

public sealed class CreateScimUserCommandHandler(OkrDbContext db, ScimUsers users) : ICommandHandler<CreateScimUserCommand, JsonObject>
{
    public async ValueTask<JsonObject> Handle(CreateScimUserCommand command, CancellationToken cancellationToken)
    {
        var state = ScimUsers.FromResource(command.Body);
        var email = ScimUsers.EmailOf(state) ?? "";
        var userName = state.UserName?.Trim().ToLowerInvariant();
        var byEmail = await db.Users.SingleOrDefaultAsync(u => u.Email == email, cancellationToken);
        // Two people can answer to one userName (one as their email, one as their directory name): ambiguous, so 409, never a guess.
        var byUserNames = userName is null ? [] : await db.Users.Where(u => u.ScimUserName == userName || u.Email == userName).Take(2).ToListAsync(cancellationToken);
        var byUserName = byUserNames.FirstOrDefault();
        if (byUserNames.Count > 1 || (byEmail is not null && byUserName is not null && byEmail.Id != byUserName.Id))
        {
            throw ScimException.Uniqueness("The email and the userName belong to two different people here.");
        }

        var user = byEmail ?? byUserName;
        if (user is { DeprovisionedAt: null }) throw ScimException.Uniqueness("A person with this userName (email) already exists: find them with filter=userName eq \"…\".");
        if (user is null)
        {
            user = new User { Email = email, DisplayName = "", Role = OrgRole.Member };
            db.Users.Add(user);
        }
        else
        {
            user.DeprovisionedAt = null;
            state.Active ??= true; // rehired: back in, unless the directory says otherwise
        }

        await users.SaveAsync(user, state, cancellationToken);
        return (await users.RenderAsync([user], cancellationToken))[0];
    }
}
