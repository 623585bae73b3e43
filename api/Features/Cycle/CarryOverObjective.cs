using FluentValidation;
using Mediator;
using Okr.Api.Features.Objectives;

namespace Okr.Api.Features.Cycle;

/// <summary>Where to carry an objective.</summary>
/// <param name="PeriodId">The target period: another one, not closed.</param>
public sealed record CarryOverRequest(Guid PeriodId);

/// <summary>Carries one unfinished objective into another period (<see cref="CarryOver"/>); answers the copy.</summary>
public sealed record CarryOverObjectiveCommand(Guid Id, Guid PeriodId) : ICommand<ObjectiveDto>;

public sealed class CarryOverObjectiveCommandValidator : AbstractValidator<CarryOverObjectiveCommand>
{
    public CarryOverObjectiveCommandValidator() => RuleFor(c => c.PeriodId).NotEmpty().OverridePropertyName("periodId");
}

public sealed class CarryOverObjectiveCommandHandler(CarryOver carryOver, ObjectiveReader reader) : ICommandHandler<CarryOverObjectiveCommand, ObjectiveDto>
{
    public async ValueTask<ObjectiveDto> Handle(CarryOverObjectiveCommand command, CancellationToken cancellationToken)
    {
        var copy = await carryOver.CarryOneAsync(command.Id, command.PeriodId, cancellationToken);
        return await reader.GetAsync(copy, cancellationToken, justWritten: true);
    }
}
