using System.Text.Json.Nodes;
using Mediator;
using Okr.Api.Infrastructure.Mediator;

namespace Okr.Api.Features.Scim;

/// <summary>PATCH /scim/v2/Groups/{id}: rename, add and remove members; all operations or none. Answers 204, as Okta and Entra expect.</summary>
public sealed record PatchScimGroupCommand(Guid Id, JsonObject Body) : ICommand, IDirectoryCommand;

public sealed class PatchScimGroupCommandHandler(ScimGroups groups) : ICommandHandler<PatchScimGroupCommand>
{
    public async ValueTask<Mediator.Unit> Handle(PatchScimGroupCommand command, CancellationToken cancellationToken)
    {
        var team = await groups.FindAsync(command.Id, cancellationToken);
        var deleted = (await groups.ProvisionedOutAsync(team, cancellationToken)).ToHashSet();
        var state = new ScimGroupState { DisplayName = team.Name, Members = [.. team.Memberships.Select(m => m.UserId).Where(id => !deleted.Contains(id))] };
        ScimGroups.Patch(state, ScimProtocol.PatchOperations(command.Body));
        await groups.SaveAsync(team, state, cancellationToken);
        return Mediator.Unit.Value;
    }
}
