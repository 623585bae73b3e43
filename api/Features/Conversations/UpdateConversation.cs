using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Okr.Api.Domain;
using Okr.Api.Infrastructure.Auth;
using Okr.Api.Infrastructure.Errors;
using Okr.Api.Infrastructure.Http;
using Okr.Api.Infrastructure.Persistence;

namespace Okr.Api.Features.Conversations;

/// <summary>Changes to a conversation; fields left out stay as they are.</summary>
/// <param name="Title">Its name.</param>
/// <param name="ScheduledAt">A new time (scheduled conversations only: a held one's packet covers the time up to then).</param>
/// <param name="SharedNotes">Notes both participants see (plain text, ≤ 20,000 characters); null clears them.</param>
/// <param name="State">held (stamps heldAt: now, unless heldAt is sent) or cancelled; from scheduled only.</param>
/// <param name="HeldAt">When it was held (with state held, or to correct a held one's time).</param>
/// <param name="MyPrivateNote">The caller's own private note (only they ever see it); null or empty removes it. Needs no fresh If-Match: nobody else writes it.</param>
/// <param name="ManagerId">Another manager (admins only, scheduled conversations only).</param>
public sealed record UpdateConversationRequest(
    string? Title = null, DateTimeOffset? ScheduledAt = null, string? SharedNotes = null, ConversationState? State = null,
    DateTimeOffset? HeldAt = null, string? MyPrivateNote = null, Guid? ManagerId = null);

public sealed record UpdateConversationCommand(Guid Id, uint IfMatch, Patch<UpdateConversationRequest> Changes) : ICommand<ConversationDto>;

public sealed class UpdateConversationCommandValidator : AbstractValidator<UpdateConversationCommand>
{
    public UpdateConversationCommandValidator()
    {
        RuleFor(c => c.Changes.Value.Title).NotEmpty().MaximumLength(Limits.Title).SingleLine().When(c => c.Changes.Has("title")).OverridePropertyName("title");
        RuleFor(c => c.Changes.Value.ScheduledAt).NotNull().When(c => c.Changes.Has("scheduledAt")).OverridePropertyName("scheduledAt");
        RuleFor(c => c.Changes.Value.ScheduledAt).Must(ConversationTimes.InRange).WithMessage(ConversationTimes.Message).OverridePropertyName("scheduledAt");
        RuleFor(c => c.Changes.Value.HeldAt).Must(ConversationTimes.InRange).WithMessage(ConversationTimes.Message).OverridePropertyName("heldAt");
        RuleFor(c => c.Changes.Value.SharedNotes).MaximumLength(Limits.ConversationNotes).OverridePropertyName("sharedNotes");
        RuleFor(c => c.Changes.Value.MyPrivateNote).MaximumLength(Limits.ConversationNotes).OverridePropertyName("myPrivateNote");
        RuleFor(c => c.Changes.Value.State).NotNull().When(c => c.Changes.Has("state")).OverridePropertyName("state");
        RuleFor(c => c.Changes.Value.HeldAt).NotNull().When(c => c.Changes.Has("heldAt")).OverridePropertyName("heldAt");
        RuleFor(c => c.Changes.Value.ManagerId).NotNull().When(c => c.Changes.Has("managerId")).OverridePropertyName("managerId");
    }
}

public sealed class UpdateConversationCommandHandler(OkrDbContext db, ConversationAccess access, ICurrentUser user, ConversationReader reader, TimeProvider clock)
    : ICommandHandler<UpdateConversationCommand, ConversationDto>
{
    public async ValueTask<ConversationDto> Handle(UpdateConversationCommand command, CancellationToken cancellationToken)
    {
        var conversation = await access.ForChangeAsync(command.Id, cancellationToken);
        if (!access.MayChange(conversation)) throw new ForbiddenException("Only the conversation's participants and admins change it.");
        var (changes, has) = (command.Changes.Value, command.Changes);
        var now = clock.GetUtcNow();

        // The private note is the caller's alone: writing it never conflicts with the other participant's edits.
        var shared = has.Fields.Where(f => f != "myPrivateNote").ToList();
        if (shared.Count > 0) db.ExpectVersion(conversation, command.IfMatch);

        if (has.Has("title")) conversation.Title = changes.Title!.Trim();
        if (has.Has("sharedNotes")) conversation.SharedNotes = string.IsNullOrWhiteSpace(changes.SharedNotes) ? null : changes.SharedNotes;
        if (changes.ScheduledAt is { } scheduledAt && scheduledAt != conversation.ScheduledAt)
        {
            if (conversation.RescheduleProblem() is { } problem) throw new DomainRuleException("scheduledAt", problem);
            conversation.ScheduledAt = scheduledAt.ToUniversalTime();
        }

        if (changes.ManagerId is { } managerId && managerId != conversation.ManagerId)
        {
            if (!user.IsAdmin) throw new DomainRuleException("managerId", "Only an admin gives a conversation another manager.");
            if (conversation.RescheduleProblem() is { } problem) throw new DomainRuleException("managerId", problem);
            if (Conversation.ParticipantsProblem(conversation.EmployeeId, managerId) is { } wrong) throw new DomainRuleException("managerId", wrong);
            if (!await db.Users.AnyAsync(u => u.Id == managerId && u.Active, cancellationToken)) throw new DomainRuleException("managerId", $"User '{managerId}' does not exist or is deactivated.");
            conversation.ManagerId = managerId;
        }

        var heldAt = changes.HeldAt?.ToUniversalTime();
        if (heldAt > now) throw new DomainRuleException("heldAt", "A conversation is held at a time that has come: not in the future.");
        if (changes.State is { } state)
        {
            if (state == ConversationState.Scheduled && conversation.State != ConversationState.Scheduled)
            {
                throw new DomainRuleException("state", "A held or cancelled conversation stays so: schedule a new one instead.");
            }

            if (state == conversation.State && state == ConversationState.Held && heldAt is { } corrected) conversation.CorrectHeldAt(corrected);
            else conversation.MoveTo(state, heldAt ?? now);
        }
        else if (heldAt is { } correction && correction != conversation.HeldAt)
        {
            conversation.CorrectHeldAt(correction);
        }

        if (has.Has("myPrivateNote") && access.NoteAuthor is { } me)
        {
            var note = await db.PrivateNotes.SingleOrDefaultAsync(n => n.ConversationId == conversation.Id && n.UserId == me, cancellationToken);
            if (string.IsNullOrWhiteSpace(changes.MyPrivateNote))
            {
                if (note is not null) db.PrivateNotes.Remove(note);
            }
            else if (note is null)
            {
                db.PrivateNotes.Add(new PrivateNote { ConversationId = conversation.Id, UserId = me, PrivateText = changes.MyPrivateNote, ModifiedAt = now });
            }
            else
            {
                (note.PrivateText, note.ModifiedAt) = (changes.MyPrivateNote, now);
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        return await reader.GetAsync(conversation.Id, cancellationToken);
    }
}
