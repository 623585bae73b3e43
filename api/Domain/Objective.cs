namespace Okr.Api.Domain;

/// <summary>What a company, team or person will achieve in a period, measured by its key results.</summary>
public sealed class Objective : IAudited
{
    private static readonly Dictionary<ObjectiveState, ObjectiveState[]> AllowedMoves = new()
    {
        [ObjectiveState.Draft] = [ObjectiveState.Active, ObjectiveState.Archived],
        [ObjectiveState.Active] = [ObjectiveState.Closed, ObjectiveState.Archived],
        [ObjectiveState.Closed] = [ObjectiveState.Active, ObjectiveState.Archived],
        [ObjectiveState.Archived] = [ObjectiveState.Draft],
    };

    public Guid Id { get; init; } = Guid.CreateVersion7();
    public required string Title { get; set; }
    public string? Description { get; set; }
    public Guid PeriodId { get; set; }
    public Guid TeamId { get; set; }
    public Guid? OwnerId { get; set; }
    public Guid? ParentId { get; set; }
    public decimal Weight { get; set; } = 1;

    /// <summary>Where its progress comes from (<see cref="Rollup"/>); key results by default.</summary>
    public ProgressSource ProgressFrom { get; set; } = ProgressSource.KeyResults;

    /// <summary>With <see cref="ProgressSource.Both"/>: the share of its progress that comes from the objectives aligned to it, 0..1.</summary>
    public decimal AlignedShare { get; set; } = Rollup.DefaultAlignedShare;
    public ObjectiveState State { get; private set; } = ObjectiveState.Active;

    /// <summary>The outcome recorded at closing, 0..1.</summary>
    public decimal? FinalScore { get; private set; }

    public string? ClosingComment { get; private set; }
    public string? ExternalId { get; set; }

    /// <summary>The objective of an earlier period this one continues (carry-over), if any.</summary>
    public Guid? CarriedOverFromId { get; set; }

    /// <summary>The copy that continues this objective in a later period, once it was carried over (at most once).</summary>
    public Guid? CarriedOverToId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public Guid? CreatedBy { get; set; }
    public DateTimeOffset ModifiedAt { get; set; }
    public Guid? ModifiedBy { get; set; }
    public uint Version { get; set; }

    public List<KeyResult> KeyResults { get; init; } = [];

    /// <summary>The states an objective in <paramref name="state"/> may move to (its life cycle).</summary>
    public static IReadOnlyList<ObjectiveState> NextStates(ObjectiveState state) => AllowedMoves[state];

    /// <summary>Drafts are not commitments yet and archived objectives are gone: neither counts in a parent's progress.</summary>
    public static bool CountsInRollup(ObjectiveState state) => state is ObjectiveState.Active or ObjectiveState.Closed;

    /// <summary>An objective with an owner is an individual one; otherwise the company's when the root team owns it, else the team's.</summary>
    public static ObjectiveLevel LevelOf(bool teamIsCompany, Guid? ownerId) =>
        ownerId is not null ? ObjectiveLevel.Individual
        : teamIsCompany ? ObjectiveLevel.Company
        : ObjectiveLevel.Team;

    /// <summary>Sets the initial state of a new objective (draft or active).</summary>
    public void Start(ObjectiveState state)
    {
        if (state is not (ObjectiveState.Draft or ObjectiveState.Active))
        {
            throw new DomainRuleException("state", "A new objective starts as 'draft' or 'active'.");
        }

        State = state;
    }

    /// <summary>
    /// Moves the objective along its life cycle. Closing records the outcome: the final score given,
    /// or the progress reached; reopening or archiving keeps it for history.
    /// </summary>
    public void MoveTo(ObjectiveState next, decimal? finalScore, string? closingComment, decimal progress)
    {
        if (next != State && !AllowedMoves[State].Contains(next))
        {
            throw new DomainRuleException("state", $"An objective cannot move from '{Snake(State)}' to '{Snake(next)}'.");
        }

        if (next != ObjectiveState.Closed && (finalScore is not null || closingComment is not null))
        {
            throw new DomainRuleException(finalScore is not null ? "finalScore" : "closingComment", "The outcome is recorded when the objective is closed (state 'closed').");
        }

        if (next == ObjectiveState.Closed)
        {
            FinalScore = finalScore ?? FinalScore ?? progress;
            ClosingComment = closingComment ?? ClosingComment;
        }
        else if (next == ObjectiveState.Active && State == ObjectiveState.Closed)
        {
            (FinalScore, ClosingComment) = (null, null);
        }

        State = next;
    }

    /// <summary>
    /// Sets state and outcome directly, as history brought in by an import. A closed objective keeps its outcome
    /// when it is later archived or brought back as a draft; an active one has none yet.
    /// </summary>
    public void Restore(ObjectiveState state, decimal? finalScore, string? closingComment)
    {
        if (state == ObjectiveState.Active && (finalScore is not null || !string.IsNullOrEmpty(closingComment)))
        {
            throw new DomainRuleException(finalScore is not null ? "finalScore" : "closingComment",
                "An active objective has no outcome yet: it is recorded when the objective is closed.");
        }

        (State, FinalScore, ClosingComment) = (state, finalScore, string.IsNullOrEmpty(closingComment) ? null : closingComment);
    }

    private static string Snake(ObjectiveState state) => state.ToString().ToLowerInvariant();
}
