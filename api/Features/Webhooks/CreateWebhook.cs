using FluentValidation;
using Mediator;
using Microsoft.Extensions.Options;
using Okr.Api.Domain;
using Okr.Api.Infrastructure.Auth;
using Okr.Api.Infrastructure.Persistence;

namespace Okr.Api.Features.Webhooks;

/// <summary>A new webhook subscription.</summary>
/// <param name="Url">Where to POST events: https to a public address (http, and private or loopback addresses, only for hosts the server allows in Okr__Webhooks__AllowedHosts). At most 2,048 characters.</param>
/// <param name="EventTypes">The event types to receive, at least one, each one of the types GET /events lists (e.g. "check_in.created", "key_result.status_changed").</param>
/// <param name="Description">What it is for, e.g. "Dashboard sync"; at most 4,000 characters.</param>
/// <param name="Active">Deliver from now on (default true); false keeps it, receiving nothing until switched on.</param>
public sealed record CreateWebhookCommand(string Url, IReadOnlyList<string?> EventTypes, string? Description = null, bool? Active = null) : ICommand<WebhookWithSecretDto>;

public sealed class CreateWebhookCommandValidator : AbstractValidator<CreateWebhookCommand>
{
    public CreateWebhookCommandValidator(IOptions<WebhookOptions> options)
    {
        WebhookRules.Url(RuleFor(c => c.Url), options);
        WebhookRules.EventTypes(RuleFor(c => c.EventTypes));
        WebhookRules.Description(RuleFor(c => c.Description));
    }
}

public sealed class CreateWebhookCommandHandler(OkrDbContext db, AccessPolicy access, WebhookSecrets secrets) : ICommandHandler<CreateWebhookCommand, WebhookWithSecretDto>
{
    public async ValueTask<WebhookWithSecretDto> Handle(CreateWebhookCommand command, CancellationToken cancellationToken)
    {
        access.EnsureAdmin("manage webhooks");
        var secret = WebhookSecrets.NewSecret();
        var webhook = new Webhook
        {
            Url = command.Url.Trim(),
            Description = string.IsNullOrWhiteSpace(command.Description) ? null : command.Description.Trim(),
            EventTypes = [.. command.EventTypes.Select(t => t!)],
            Active = command.Active ?? true,
            SecretProtected = secrets.Protect(secret),
        };
        db.Webhooks.Add(webhook);
        await db.SaveChangesAsync(cancellationToken);
        return new WebhookWithSecretDto(WebhookDto.From(webhook), secret);
    }
}
