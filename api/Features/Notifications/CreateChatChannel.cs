using FluentValidation;
using Mediator;
using Microsoft.Extensions.Options;
using Okr.Api.Domain;
using Okr.Api.Features.Webhooks;
using Okr.Api.Infrastructure.Errors;
using Okr.Api.Infrastructure.Http;
using Okr.Api.Infrastructure.Persistence;

namespace Okr.Api.Features.Notifications;

public sealed record CreateChatChannelCommand(Guid TeamId, CreateChatChannelRequest Channel) : ICommand<ChatChannelDto>;

public sealed class CreateChatChannelCommandValidator : AbstractValidator<CreateChatChannelCommand>
{
    public CreateChatChannelCommandValidator(IOptions<WebhookOptions> webhooks)
    {
        RuleFor(c => c.Channel.Kind).IsInEnum().OverridePropertyName("kind");
        RuleFor(c => c.Channel.Url).Custom((url, context) =>
        {
            if (WebhookTargets.UrlProblem(url, webhooks.Value) is { } problem) context.AddFailure("url", problem);
        });
        RuleFor(c => c.Channel.Description).MaximumLength(Limits.Name).SingleLine().OverridePropertyName("description");
    }
}

/// <summary>
/// Admins and the team's leads (403 otherwise) connect a team that is not archived (422 teamId) to a Slack or Teams
/// incoming webhook; the URL must pass the webhooks' SSRF rules (400 naming url) and is stored encrypted.
/// </summary>
public sealed class CreateChatChannelCommandHandler(OkrDbContext db, ChatChannelAccess access, ChatChannelUrls urls) : ICommandHandler<CreateChatChannelCommand, ChatChannelDto>
{
    public async ValueTask<ChatChannelDto> Handle(CreateChatChannelCommand command, CancellationToken cancellationToken)
    {
        var team = await access.TeamAsync(command.TeamId, cancellationToken);
        if (team.Archived) throw new DomainRuleException("teamId", "The team is archived: nothing is posted for it any more.");
        var url = command.Channel.Url.Trim();
        var channel = new ChatChannel
        {
            TeamId = team.Id, Kind = command.Channel.Kind, UrlProtected = urls.Protect(url), Host = new Uri(url).Host,
            Description = string.IsNullOrWhiteSpace(command.Channel.Description) ? null : command.Channel.Description.Trim(),
        };
        db.ChatChannels.Add(channel);
        await db.SaveChangesAsync(cancellationToken);
        return ChatChannelAccess.ToDto(channel);
    }
}
