using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Okr.Api.Domain;
using Okr.Api.Infrastructure.Errors;
using Okr.Api.Infrastructure.Http;
using Okr.Api.Infrastructure.Persistence;

namespace Okr.Api.Features.Conversations;

/// <summary>Changes to an agenda item; fields left out stay.</summary>
/// <param name="Text">What to talk about.</param>
/// <param name="ObjectiveId">The objective it is about; null clears it.</param>
/// <param name="KeyResultId">The key result it is about; null clears it.</param>
/// <param name="Done">Talked about.</param>
public sealed record UpdateAgendaItemRequest(string? Text = null, Guid? ObjectiveId = null, Guid? KeyResultId = null, bool? Done = null);

public sealed record UpdateAgendaItemCommand(Guid ConversationId, Guid ItemId, Patch<UpdateAgendaItemRequest> Changes) : ICommand<AgendaItemDto>;

public sealed class UpdateAgendaItemCommandValidator : AbstractValidator<UpdateAgendaItemCommand>
{
    public UpdateAgendaItemCommandValidator()
    {
        RuleFor(c => c.Changes.Value.Text).NotEmpty().MaximumLength(Limits.ItemText).When(c => c.Changes.Has("text")).OverridePropertyName("text");
        RuleFor(c => c.Changes.Value.Done).NotNull().When(c => c.Changes.Has("done")).OverridePropertyName("done");
    }
}

public sealed class UpdateAgendaItemCommandHandler(OkrDbContext db, ConversationAccess access, AgendaReferences references) : ICommandHandler<UpdateAgendaItemCommand, AgendaItemDto>
{
    public async ValueTask<AgendaItemDto> Handle(UpdateAgendaItemCommand command, CancellationToken cancellationToken)
    {
        var conversation = await access.ForChangeAsync(command.ConversationId, cancellationToken);
        if (!access.MayChange(conversation)) throw new ForbiddenException("Only the conversation's participants and admins change its agenda.");
        var item = await db.AgendaItems.SingleOrDefaultAsync(a => a.Id == command.ItemId && a.ConversationId == conversation.Id, cancellationToken)
                   ?? throw new NotFoundException("Agenda item", command.ItemId);
        var (changes, has) = (command.Changes.Value, command.Changes);
        if (has.Has("text")) item.Text = changes.Text!.Trim();
        if (changes.Done is { } done) item.Done = done;
        if (has.Has("objectiveId") || has.Has("keyResultId"))
        {
            (item.ObjectiveId, item.KeyResultId) = await references.ResolveAsync(
                has.Has("objectiveId") ? changes.ObjectiveId : (changes.KeyResultId is not null ? null : item.ObjectiveId),
                has.Has("keyResultId") ? changes.KeyResultId : item.KeyResultId, "", cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
        return new AgendaItemDto(item.Id, item.Text, item.ObjectiveId, item.KeyResultId, item.Done);
    }
}
