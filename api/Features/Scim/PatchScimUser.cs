using System.Text.Json.Nodes;
using Mediator;
using Okr.Api.Infrastructure.Mediator;

namespace Okr.Api.Features.Scim;

/// <summary>
/// PATCH /scim/v2/Users/{id}: add, replace and remove operations, all or nothing. <c>active: false</c> deprovisions:
/// the person is deactivated and signed out everywhere.
/// </summary>
public sealed record PatchScimUserCommand(Guid Id, JsonObject Body) : ICommand<JsonObject>, IDirectoryCommand;

public sealed class PatchScimUserCommandHandler(ScimUsers users) : ICommandHandler<PatchScimUserCommand, JsonObject>
{
    public async ValueTask<JsonObject> Handle(PatchScimUserCommand command, CancellationToken cancellationToken)
    {
        var user = await users.FindAsync(command.Id, cancellationToken);
        var state = ScimUserState.Of(user);
        ScimUsers.Patch(state, ScimProtocol.PatchOperations(command.Body));
        await users.SaveAsync(user, state, cancellationToken);
        return (await users.RenderAsync([user], cancellationToken))[0];
    }
}
