using Microsoft.EntityFrameworkCore;
using Okr.Api.Domain;
using Okr.Api.Infrastructure.Errors;
using Okr.Api.Infrastructure.Persistence;

namespace Okr.Api.Features.Conversations;

/// <summary>A performance conversation (1:1) between a person and their manager.</summary>
/// <param name="Id">Identifier.</param>
/// <param name="EmployeeId">The person whose OKRs are revisited.</param>
/// <param name="ManagerId">Their manager in this conversation.</param>
/// <param name="ScheduledAt">When it is planned (UTC).</param>
/// <param name="HeldAt">When it took place; null until held.</param>
/// <param name="State">scheduled, held or cancelled.</param>
/// <param name="Title">What it is called ("1:1" unless named).</param>
/// <param name="SharedNotes">Notes both participants see (plain text); null when none.</param>
/// <param name="Agenda">What to talk about, in the order added.</param>
/// <param name="ActionItems">What was agreed in this conversation.</param>
/// <param name="CarriedActionItems">Open action items of the person's earlier conversations with the same manager: they come back until done.</param>
/// <param name="PreviousId">The person's last held conversation with the same manager before this one; null for a first.</param>
/// <param name="MyPrivateNote">The caller's own private note (only they ever see it); null when none, and always for API clients.</param>
/// <param name="Version">Concurrency version; also sent as the ETag.</param>
/// <param name="CreatedAt">When it was scheduled.</param>
/// <param name="ModifiedAt">When it last changed.</param>
/// <param name="Permissions">What the caller may do with it.</param>
public sealed record ConversationDto(
    Guid Id, Guid EmployeeId, Guid ManagerId, DateTimeOffset ScheduledAt, DateTimeOffset? HeldAt, ConversationState State, string Title,
    string? SharedNotes, IReadOnlyList<AgendaItemDto> Agenda, IReadOnlyList<ActionItemDto> ActionItems, IReadOnlyList<ActionItemDto> CarriedActionItems,
    Guid? PreviousId, string? MyPrivateNote, uint Version, DateTimeOffset CreatedAt, DateTimeOffset ModifiedAt, ConversationPermissions Permissions);

/// <summary>What the caller may do with a conversation (the API still checks every write).</summary>
/// <param name="CanEdit">May change notes, items, time and state.</param>
/// <param name="CanDelete">May delete it (scheduled ones only).</param>
public sealed record ConversationPermissions(bool CanEdit, bool CanDelete);

/// <summary>Something to talk about.</summary>
/// <param name="Id">Identifier.</param>
/// <param name="Text">What (plain text).</param>
/// <param name="ObjectiveId">The objective it is about, if any.</param>
/// <param name="KeyResultId">The key result it is about, if any.</param>
/// <param name="Done">Talked about.</param>
public sealed record AgendaItemDto(Guid Id, string Text, Guid? ObjectiveId, Guid? KeyResultId, bool Done);

/// <summary>Something someone agreed to do.</summary>
/// <param name="Id">Identifier.</param>
/// <param name="ConversationId">The conversation it was agreed in.</param>
/// <param name="Text">What (plain text).</param>
/// <param name="OwnerId">Who does it: the person or their manager.</param>
/// <param name="DueDate">By when, if agreed.</param>
/// <param name="Done">Done.</param>
/// <param name="DoneAt">When it was marked done.</param>
public sealed record ActionItemDto(Guid Id, Guid ConversationId, string Text, Guid OwnerId, DateOnly? DueDate, bool Done, DateTimeOffset? DoneAt);

/// <summary>Reads conversations as the API answers them: a fixed number of round trips.</summary>
public sealed class ConversationReader(OkrDbContext db, ConversationAccess access)
{
    public async Task<ConversationDto> GetAsync(Guid id, CancellationToken ct)
    {
        var c = await access.Visible(db.Conversations).AsNoTracking().SingleOrDefaultAsync(x => x.Id == id, ct) ?? throw new NotFoundException("Conversation", id);
        var agenda = await db.AgendaItems.AsNoTracking().Where(a => a.ConversationId == id).OrderBy(a => a.CreatedAt).ThenBy(a => a.Id)
            .Select(a => new AgendaItemDto(a.Id, a.Text, a.ObjectiveId, a.KeyResultId, a.Done)).ToListAsync(ct);
        // Its own items, and the open ones of the pair's earlier held conversations, in one query.
        var items = await ActionItemsOf(c).Where(a => a.ConversationId == id || !a.Done).ToListAsync(ct);
        var previous = await PreviousAsync(c, ct);
        var me = access.NoteAuthor;
        var note = me is null ? null : await db.PrivateNotes.AsNoTracking().Where(n => n.ConversationId == id && n.UserId == me).Select(n => n.PrivateText).SingleOrDefaultAsync(ct);
        var canEdit = access.MayChange(c);
        return new ConversationDto(c.Id, c.EmployeeId, c.ManagerId, c.ScheduledAt, c.HeldAt, c.State, c.Title, c.SharedNotes, agenda,
            [.. items.Where(a => a.ConversationId == id).Select(ToDto)], [.. items.Where(a => a.ConversationId != id).Select(ToDto)],
            previous?.Id, note, c.Version, c.CreatedAt, c.ModifiedAt, new ConversationPermissions(canEdit, canEdit && c.State == ConversationState.Scheduled));
    }

    /// <summary>The moment a conversation looks back from: when it was held, else when it is scheduled.</summary>
    public static DateTimeOffset Reference(Conversation c) => c.HeldAt ?? c.ScheduledAt;

    /// <summary>
    /// The person's last held conversation with the same manager before this one: a 1:1 with someone else (a new manager,
    /// an admin's skip-level) is not this pair's to read, so neither it nor its action items carry over.
    /// </summary>
    public Task<Conversation?> PreviousAsync(Conversation c, CancellationToken ct)
    {
        var reference = Reference(c);
        return db.Conversations.AsNoTracking()
            .Where(o => o.EmployeeId == c.EmployeeId && o.ManagerId == c.ManagerId && o.Id != c.Id && o.State == ConversationState.Held && o.HeldAt < reference)
            .OrderByDescending(o => o.HeldAt).FirstOrDefaultAsync(ct);
    }

    /// <summary>The conversation's action items and those of the pair's earlier held conversations, oldest first.</summary>
    public IQueryable<ActionItem> ActionItemsOf(Conversation c)
    {
        var reference = Reference(c);
        return from a in db.ActionItems.AsNoTracking()
               join o in db.Conversations on a.ConversationId equals o.Id
               where a.ConversationId == c.Id || (o.EmployeeId == c.EmployeeId && o.ManagerId == c.ManagerId && o.State == ConversationState.Held && o.HeldAt < reference)
               orderby a.CreatedAt, a.Id
               select a;
    }

    public static ActionItemDto ToDto(ActionItem a) => new(a.Id, a.ConversationId, a.Text, a.OwnerId, a.DueDate, a.Done, a.DoneAt);
}
