using System.Text.Json.Nodes;
using Mediator;
using Okr.Api.Infrastructure.Mediator;

namespace Okr.Api.Features.Scim;

/// <summary>PUT /scim/v2/Groups/{id}: the team takes the name and exactly the members the body lists.</summary>
public sealed record ReplaceScimGroupCommand(Guid Id, JsonObject Body) : ICommand<JsonObject>, IDirectoryCommand;

public sealed class ReplaceScimGroupCommandHandler(ScimGroups groups) : ICommandHandler<ReplaceScimGroupCommand, JsonObject>
{
    public async ValueTask<JsonObject> Handle(ReplaceScimGroupCommand command, CancellationToken cancellationToken)
    {
        var team = await groups.FindAsync(command.Id, cancellationToken);
        await groups.SaveAsync(team, ScimGroups.FromResource(command.Body), cancellationToken);
        return (await groups.RenderAsync([team], withMembers: true, cancellationToken))[0];
    }
}
