using FluentValidation;
using Mediator;
using Okr.Api.Infrastructure.Errors;
using Okr.Api.Infrastructure.Persistence;

namespace Okr.Api.Features.Conversations;

/// <summary>Puts something on a conversation's agenda (its participants and admins; 404 for anyone else).</summary>
public sealed record AddAgendaItemCommand(Guid ConversationId, AgendaItemRequest Item) : ICommand<AgendaItemDto>;

public sealed class AddAgendaItemCommandValidator : AbstractValidator<AddAgendaItemCommand>
{
    public AddAgendaItemCommandValidator() => RuleFor(c => c.Item.Text).NotEmpty().MaximumLength(Domain.Limits.ItemText).OverridePropertyName("text");
}

public sealed class AddAgendaItemCommandHandler(OkrDbContext db, ConversationAccess access, AgendaReferences references) : ICommandHandler<AddAgendaItemCommand, AgendaItemDto>
{
    public async ValueTask<AgendaItemDto> Handle(AddAgendaItemCommand command, CancellationToken cancellationToken)
    {
        var conversation = await access.ForChangeAsync(command.ConversationId, cancellationToken);
        if (!access.MayChange(conversation)) throw new ForbiddenException("Only the conversation's participants and admins change its agenda.");
        var item = await references.NewItemAsync(conversation.Id, command.Item, "", cancellationToken);
        db.AgendaItems.Add(item);
        await db.SaveChangesAsync(cancellationToken);
        return new AgendaItemDto(item.Id, item.Text, item.ObjectiveId, item.KeyResultId, item.Done);
    }
}
