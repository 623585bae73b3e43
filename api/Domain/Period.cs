namespace Okr.Api.Domain;

/// <summary>An OKR cycle on the organisation's own schedule: a month, a quarter or a whole project.</summary>
public sealed class Period
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public required string Label { get; set; }
    public DateOnly StartDate { get; set; }
    public DateOnly EndDate { get; set; }
    public PeriodState State { get; private set; } = PeriodState.Planning;
    public DateTimeOffset CreatedAt { get; init; }
    public uint Version { get; set; }

    public void SetDates(DateOnly start, DateOnly end)
    {
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
        if (next == State) return;
        if (next < State)
        {
            throw new DomainRuleException("state", $"A period cannot go back from '{State}' to '{next}'.");
        }

        State = next;
    }
}
