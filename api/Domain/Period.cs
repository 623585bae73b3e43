namespace Okr.Api.Domain;

/// <summary>An OKR cycle on the organisation's own schedule: a month, a quarter or a whole project.</summary>
public sealed class Period : IAudited
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public required string Label { get; set; }
    public DateOnly StartDate { get; set; }
    public DateOnly EndDate { get; set; }
    public PeriodState State { get; private set; } = PeriodState.Planning;
    public DateTimeOffset CreatedAt { get; set; }
    public Guid? CreatedBy { get; set; }
    public DateTimeOffset ModifiedAt { get; set; }
    public Guid? ModifiedBy { get; set; }
    public uint Version { get; set; }

    /// <summary>Periods are planned within this century; anything outside is a typo (and would overflow date arithmetic).</summary>
    public static readonly DateOnly Earliest = new(2000, 1, 1);

    public static readonly DateOnly Latest = new(2099, 12, 31);

    public void SetDates(DateOnly start, DateOnly end)
    {
        if (start < Earliest || start > Latest) throw new DomainRuleException("startDate", "The start date must be between 2000-01-01 and 2099-12-31.");
        if (end < Earliest || end > Latest) throw new DomainRuleException("endDate", "The end date must be between 2000-01-01 and 2099-12-31.");
        if (end < start)
        {
            throw new DomainRuleException("endDate", "The end date must not be before the start date.");
        }

        StartDate = start;
        EndDate = end;
    }

    /// <summary>Periods only move forward: planning → active → closed.</summary>
    public void MoveTo(PeriodState next)
    {
        if (MoveProblem(State, next) is { } problem) throw new DomainRuleException("state", problem);
        State = next;
    }

    /// <summary>Why a period in <paramref name="current"/> cannot move to <paramref name="next"/> (it only moves forward), or null.</summary>
    public static string? MoveProblem(PeriodState current, PeriodState next) =>
        next < current ? $"A period cannot go back from '{current.ToString().ToLowerInvariant()}' to '{next.ToString().ToLowerInvariant()}'." : null;
}
