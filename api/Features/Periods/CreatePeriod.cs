using FluentValidation;
using Mediator;
using Okr.Api.Domain;
using Okr.Api.Infrastructure.Http;
using Okr.Api.Infrastructure.Auth;
using Okr.Api.Infrastructure.Persistence;

namespace Okr.Api.Features.Periods;

/// <summary>A new period. It starts in state planning.</summary>
/// <param name="Label">Unique name, e.g. "2026 Q4".</param>
/// <param name="StartDate">First day.</param>
/// <param name="EndDate">Last day (inclusive), not before the start.</param>
public sealed record CreatePeriodCommand(string Label, DateOnly StartDate, DateOnly EndDate) : ICommand<PeriodDto>;

public sealed class CreatePeriodCommandValidator : AbstractValidator<CreatePeriodCommand>
{
    public CreatePeriodCommandValidator()
    {
        RuleFor(c => c.Label).NotEmpty().MaximumLength(Limits.Label).SingleLine();
        RuleFor(c => c.StartDate).InclusiveBetween(Period.Earliest, Period.Latest);
        RuleFor(c => c.EndDate).InclusiveBetween(Period.Earliest, Period.Latest);
        RuleFor(c => c.EndDate).GreaterThanOrEqualTo(c => c.StartDate).WithMessage("'endDate' must not be before 'startDate'.");
    }
}

public sealed class CreatePeriodCommandHandler(OkrDbContext db, AccessPolicy access, TimeProvider clock)
    : ICommandHandler<CreatePeriodCommand, PeriodDto>
{
    public async ValueTask<PeriodDto> Handle(CreatePeriodCommand command, CancellationToken cancellationToken)
    {
        access.EnsureAdmin("create periods");
        var period = new Period { Label = command.Label.Trim(), CreatedAt = clock.GetUtcNow() };
        period.SetDates(command.StartDate, command.EndDate);
        db.Periods.Add(period);
        await db.SaveChangesAsync(cancellationToken);
        return period.ToDto();
    }
}
