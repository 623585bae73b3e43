using System.Text.Json.Nodes;
using Mediator;
using Okr.Api.Infrastructure.Mediator;

namespace Okr.Api.Features.Scim;

/// <summary>PUT /scim/v2/Users/{id}: the person becomes what the body says; attributes it leaves out are cleared.</summary>
public sealed record ReplaceScimUserCommand(Guid Id, JsonObject Body) : ICommand<JsonObject>, IDirectoryCommand;

public sealed class ReplaceScimUserCommandHandler(ScimUsers users) : ICommandHandler<ReplaceScimUserCommand, JsonObject>
{
    public async ValueTask<JsonObject> Handle(ReplaceScimUserCommand command, CancellationToken cancellationToken)
    {
        var user = await users.FindAsync(command.Id, cancellationToken);
        await users.SaveAsync(user, ScimUsers.FromResource(command.Body), cancellationToken);
        return (await users.RenderAsync([user], cancellationToken))[0];
    }
}
