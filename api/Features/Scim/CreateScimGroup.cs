using System.Text.Json.Nodes;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Okr.Api.Domain;
using Okr.Api.Infrastructure.Mediator;
using Okr.Api.Infrastructure.Persistence;

namespace Okr.Api.Features.Scim;

/// <summary>POST /scim/v2/Groups: a new team directly under the company, with the members listed; a name in use is 409 uniqueness.</summary>
public sealed record CreateScimGroupCommand(JsonObject Body) : ICommand<JsonObject>, IDirectoryCommand;

public sealed class CreateScimGroupCommandHandler(OkrDbContext db, ScimGroups groups) : ICommandHandler<CreateScimGroupCommand, JsonObject>
{
    public async ValueTask<JsonObject> Handle(CreateScimGroupCommand command, CancellationToken cancellationToken)
    {
        var state = ScimGroups.FromResource(command.Body);
        var company = await db.Teams.Where(t => t.ParentId == null).Select(t => t.Id).SingleOrDefaultAsync(cancellationToken);
        if (company == Guid.Empty) throw new ScimException(409, null, "Okr has no company team yet: an admin creates it first.");
        var team = new Team { Name = "", Slug = await groups.SlugForAsync(state.DisplayName ?? "", cancellationToken), ParentId = company };
        db.Teams.Add(team);
        await groups.SaveAsync(team, state, cancellationToken);
        return (await groups.RenderAsync([team], withMembers: true, cancellationToken))[0];
    }
}
