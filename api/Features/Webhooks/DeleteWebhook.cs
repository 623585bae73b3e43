using Mediator;
using Microsoft.EntityFrameworkCore;
using Okr.Api.Infrastructure.Auth;
using Okr.Api.Infrastructure.Errors;
using Okr.Api.Infrastructure.Persistence;

namespace Okr.Api.Features.Webhooks;

/// <summary>Removes a webhook and its delivery log; deliveries on their way stop.</summary>
public sealed record DeleteWebhookCommand(Guid Id) : ICommand;

public sealed class DeleteWebhookCommandHandler(OkrDbContext db, AccessPolicy access) : ICommandHandler<DeleteWebhookCommand>
{
    public async ValueTask<Unit> Handle(DeleteWebhookCommand command, CancellationToken cancellationToken)
    {
        access.EnsureAdmin("manage webhooks");
        var webhook = await db.Webhooks.SingleOrDefaultAsync(w => w.Id == command.Id, cancellationToken) ?? throw new NotFoundException("Webhook", command.Id);
        db.Webhooks.Remove(webhook);
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}
