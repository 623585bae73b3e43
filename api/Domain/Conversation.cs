namespace Okr.Api.Domain;

/// <summary>Where a performance conversation stands: scheduled, held (its packet window is then fixed) or cancelled.</summary>
public enum ConversationState { Scheduled, Held, Cancelled }

/// <summary>
/// A performance conversation (a 1:1) between a manager and the person reporting to them, where the person's OKRs are
/// revisited (docs/method.md, "Performance conversations"). Only the two participants and admins see it.
/// </summary>
public sealed class Conversation : IAudited
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid EmployeeId { get; init; }
    public Guid ManagerId { get; set; }
    public DateTimeOffset ScheduledAt { get; set; }
    public DateTimeOffset? HeldAt { get; private set; }
    public ConversationState State { get; private set; } = ConversationState.Scheduled;
    public required string Title { get; set; }

    /// <summary>Notes both participants read and write (plain text).</summary>
    public string? SharedNotes { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public Guid? CreatedBy { get; set; }
    public DateTimeOffset ModifiedAt { get; set; }
    public Guid? ModifiedBy { get; set; }
    public uint Version { get; set; }

    /// <summary>The default title of a new conversation.</summary>
    public const string DefaultTitle = "1:1";

    /// <summary>Why <paramref name="managerId"/> cannot hold a conversation with <paramref name="employeeId"/>, or null.</summary>
    public static string? ParticipantsProblem(Guid employeeId, Guid? managerId) =>
        managerId is null ? "The person has no manager: give a managerId (or set their manager first)."
        : managerId == employeeId ? "A conversation is between a person and their manager: the manager cannot be the person themselves."
        : null;

    /// <summary>
    /// Moves it on: scheduled → held (stamping <paramref name="heldAt"/>) or cancelled; nothing moves back, because a
    /// held conversation's packet is a record of that day. Field <c>state</c> on refusal.
    /// </summary>
    public void MoveTo(ConversationState next, DateTimeOffset heldAt)
    {
        if (next == State) return;
        if (State != ConversationState.Scheduled)
        {
            throw new DomainRuleException("state", $"A {Snake(State)} conversation stays {Snake(State)}: schedule a new one instead.");
        }

        if (next == ConversationState.Held) HeldAt = heldAt;
        State = next;
    }

    /// <summary>Moves the time a held conversation took place. Only a held one has it.</summary>
    public void CorrectHeldAt(DateTimeOffset heldAt)
    {
        if (State != ConversationState.Held) throw new DomainRuleException("heldAt", "Only a held conversation has a time it was held at: send state 'held' with it.");
        HeldAt = heldAt;
    }

    /// <summary>A held or cancelled conversation keeps its date: the packet of a held one is read as of that day.</summary>
    public string? RescheduleProblem() =>
        State == ConversationState.Scheduled ? null : $"A {Snake(State)} conversation cannot be moved: its packet covers the time up to when it was held.";

    private static string Snake(ConversationState state) => state.ToString().ToLowerInvariant();
}

/// <summary>Something to talk about in a conversation, optionally about one objective or key result.</summary>
public sealed class AgendaItem : IAudited
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid ConversationId { get; init; }
    public required string Text { get; set; }
    public Guid? ObjectiveId { get; set; }
    public Guid? KeyResultId { get; set; }
    public bool Done { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public Guid? CreatedBy { get; set; }
    public DateTimeOffset ModifiedAt { get; set; }
    public Guid? ModifiedBy { get; set; }
}

/// <summary>Something someone agreed to do; open ones come back in the next conversation.</summary>
public sealed class ActionItem : IAudited
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid ConversationId { get; init; }
    public required string Text { get; set; }
    public Guid OwnerId { get; set; }
    public DateOnly? DueDate { get; set; }
    public bool Done { get; private set; }
    public DateTimeOffset? DoneAt { get; private set; }
    public DateTimeOffset CreatedAt { get; set; }
    public Guid? CreatedBy { get; set; }
    public DateTimeOffset ModifiedAt { get; set; }
    public Guid? ModifiedBy { get; set; }

    public void MarkDone(bool done, DateTimeOffset now)
    {
        if (done == Done) return;
        (Done, DoneAt) = (done, done ? now : null);
    }
}

/// <summary>
/// A participant's private note on a conversation: only its author ever reads it. Its text is a secret to the audit
/// log (recorded as "(secret)"), and no answer to anyone else and no export carries it.
/// </summary>
public sealed class PrivateNote
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid ConversationId { get; init; }
    public Guid UserId { get; init; }
    public required string PrivateText { get; set; }
    public DateTimeOffset ModifiedAt { get; set; }
}
