using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Okr.Api.Domain;
using Okr.Api.Infrastructure.Errors;
using Okr.Api.Infrastructure.Http;
using Okr.Api.Infrastructure.Persistence;

namespace Okr.Api.Features.Conversations;

/// <summary>Changes to an action item; fields left out stay.</summary>
/// <param name="Text">What.</param>
/// <param name="OwnerId">Who does it (a participant).</param>
/// <param name="DueDate">By when; null clears it.</param>
/// <param name="Done">Done (stamps doneAt) or open again.</param>
public sealed record UpdateActionItemRequest(string? Text = null, Guid? OwnerId = null, DateOnly? DueDate = null, bool? Done = null);

public sealed record UpdateActionItemCommand(Guid ConversationId, Guid ItemId, Patch<UpdateActionItemRequest> Changes) : ICommand<ActionItemDto>;

public sealed class UpdateActionItemCommandValidator : AbstractValidator<UpdateActionItemCommand>
{
    public UpdateActionItemCommandValidator()
    {
        RuleFor(c => c.Changes.Value.Text).NotEmpty().MaximumLength(Limits.ItemText).When(c => c.Changes.Has("text")).OverridePropertyName("text");
        RuleFor(c => c.Changes.Value.OwnerId).NotNull().When(c => c.Changes.Has("ownerId")).OverridePropertyName("ownerId");
        RuleFor(c => c.Changes.Value.Done).NotNull().When(c => c.Changes.Has("done")).OverridePropertyName("done");
        RuleFor(c => c.Changes.Value.DueDate).InclusiveBetween(Period.Earliest, Period.Latest).When(c => c.Changes.Value.DueDate is not null).OverridePropertyName("dueDate");
    }
}

/// <summary>
/// An action item is changed through the conversation it was agreed in (its id in the path); it shows in later
/// conversations until done, and can be ticked off from there too: the item's own conversation decides who may.
/// </summary>
public sealed class UpdateActionItemCommandHandler(OkrDbContext db, ConversationAccess access, TimeProvider clock) : ICommandHandler<UpdateActionItemCommand, ActionItemDto>
{
    public async ValueTask<ActionItemDto> Handle(UpdateActionItemCommand command, CancellationToken cancellationToken)
    {
        var conversation = await access.ForChangeAsync(command.ConversationId, cancellationToken);
        if (!access.MayChange(conversation)) throw new ForbiddenException("Only the conversation's participants and admins change its action items.");
        var item = await db.ActionItems.SingleOrDefaultAsync(a => a.Id == command.ItemId && a.ConversationId == conversation.Id, cancellationToken)
                   ?? throw new NotFoundException("Action item", command.ItemId);
        var (changes, has) = (command.Changes.Value, command.Changes);
        if (has.Has("text")) item.Text = changes.Text!.Trim();
        if (changes.OwnerId is { } owner)
        {
            if (ActionItemRules.OwnerProblem(conversation, owner) is { } problem) throw new DomainRuleException("ownerId", problem);
            item.OwnerId = owner;
        }

        if (has.Has("dueDate")) item.DueDate = changes.DueDate;
        if (changes.Done is { } done) item.MarkDone(done, clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return ConversationReader.ToDto(item);
    }
}
