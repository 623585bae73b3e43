using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Okr.Api.Infrastructure.Auth;
using Okr.Api.Infrastructure.Errors;
using Okr.Api.Infrastructure.Http;
using Okr.Api.Infrastructure.Persistence;

namespace Okr.Api.Features.Webhooks;

/// <summary>Changes to a webhook; fields left out stay as they are.</summary>
/// <param name="Url">New URL, under the same rules as on create.</param>
/// <param name="Description">New description; null clears it.</param>
/// <param name="EventTypes">New event types, at least one.</param>
/// <param name="Active">true switches it (back) on, clearing why Okr switched it off; false stops new events reaching it and holds those already queued.</param>
public sealed record UpdateWebhookRequest(string? Url = null, string? Description = null, IReadOnlyList<string?>? EventTypes = null, bool? Active = null);

public sealed record UpdateWebhookCommand(Guid Id, uint IfMatch, Patch<UpdateWebhookRequest> Changes) : ICommand<WebhookDto>;

public sealed class UpdateWebhookCommandValidator : AbstractValidator<UpdateWebhookCommand>
{
    public UpdateWebhookCommandValidator(IOptions<WebhookOptions> options)
    {
        When(c => c.Changes.Has("url"), () => WebhookRules.Url(RuleFor(c => c.Changes.Value.Url), options));
        When(c => c.Changes.Has("eventTypes"), () => WebhookRules.EventTypes(RuleFor(c => c.Changes.Value.EventTypes)));
        When(c => c.Changes.Has("description"), () => WebhookRules.Description(RuleFor(c => c.Changes.Value.Description)));
        RuleFor(c => c.Changes.Value.Active).NotNull().When(c => c.Changes.Has("active")).OverridePropertyName("active");
    }
}

public sealed class UpdateWebhookCommandHandler(OkrDbContext db, AccessPolicy access) : ICommandHandler<UpdateWebhookCommand, WebhookDto>
{
    public async ValueTask<WebhookDto> Handle(UpdateWebhookCommand command, CancellationToken cancellationToken)
    {
        access.EnsureAdmin("manage webhooks");
        var webhook = await db.Webhooks.SingleOrDefaultAsync(w => w.Id == command.Id, cancellationToken) ?? throw new NotFoundException("Webhook", command.Id);
        db.ExpectVersion(webhook, command.IfMatch);
        var changes = command.Changes;
        if (changes.Has("url")) webhook.Url = changes.Value.Url!.Trim();
        if (changes.Has("description")) webhook.Description = string.IsNullOrWhiteSpace(changes.Value.Description) ? null : changes.Value.Description.Trim();
        if (changes.Has("eventTypes")) webhook.EventTypes = [.. changes.Value.EventTypes!.Select(t => t!)];
        if (changes.Value.Active is { } active)
        {
            if (active && !webhook.Active)
            {
                webhook.DisabledReason = null;
                webhook.FailingSince = null;
            }

            webhook.Active = active;
        }

        await db.SaveChangesAsync(cancellationToken);
        return WebhookDto.From(webhook);
    }
}
