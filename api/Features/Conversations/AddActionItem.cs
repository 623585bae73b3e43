using FluentValidation;
using Mediator;
using Okr.Api.Domain;
using Okr.Api.Infrastructure.Errors;
using Okr.Api.Infrastructure.Persistence;

namespace Okr.Api.Features.Conversations;

/// <summary>Something agreed in the conversation.</summary>
/// <param name="Text">What (plain text, 1..500 characters).</param>
/// <param name="OwnerId">Who does it: the conversation's employee or manager.</param>
/// <param name="DueDate">By when (a date).</param>
public sealed record ActionItemRequest(string Text, Guid OwnerId, DateOnly? DueDate = null);

public sealed record AddActionItemCommand(Guid ConversationId, ActionItemRequest Item) : ICommand<ActionItemDto>;

public sealed class AddActionItemCommandValidator : AbstractValidator<AddActionItemCommand>
{
    public AddActionItemCommandValidator()
    {
        RuleFor(c => c.Item.Text).NotEmpty().MaximumLength(Limits.ItemText).OverridePropertyName("text");
        RuleFor(c => c.Item.OwnerId).NotEmpty().OverridePropertyName("ownerId");
        RuleFor(c => c.Item.DueDate).InclusiveBetween(Period.Earliest, Period.Latest).When(c => c.Item.DueDate is not null).OverridePropertyName("dueDate");
    }
}

/// <summary>Participants and admins; the owner is one of the two participants (422 <c>ownerId</c> otherwise).</summary>
public sealed class AddActionItemCommandHandler(OkrDbContext db, ConversationAccess access) : ICommandHandler<AddActionItemCommand, ActionItemDto>
{
    public async ValueTask<ActionItemDto> Handle(AddActionItemCommand command, CancellationToken cancellationToken)
    {
        var conversation = await access.ForChangeAsync(command.ConversationId, cancellationToken);
        if (!access.MayChange(conversation)) throw new ForbiddenException("Only the conversation's participants and admins add action items.");
        if (ActionItemRules.OwnerProblem(conversation, command.Item.OwnerId) is { } problem) throw new DomainRuleException("ownerId", problem);
        var item = new ActionItem { ConversationId = conversation.Id, Text = command.Item.Text.Trim(), OwnerId = command.Item.OwnerId, DueDate = command.Item.DueDate };
        db.ActionItems.Add(item);
        await db.SaveChangesAsync(cancellationToken);
        return ConversationReader.ToDto(item);
    }
}

internal static class ActionItemRules
{
    public static string? OwnerProblem(Conversation conversation, Guid ownerId) =>
        ownerId == conversation.EmployeeId || ownerId == conversation.ManagerId ? null : "An action item belongs to one of the conversation's two participants.";
}
