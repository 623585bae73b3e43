using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Okr.Api.Domain;
using Okr.Api.Infrastructure.Auth;
using Okr.Api.Infrastructure.Errors;
using Okr.Api.Infrastructure.Mediator;
using Okr.Api.Infrastructure.Persistence;

namespace Okr.Api.Features.Cycle;

/// <summary>Which objectives of a period to carry, and where.</summary>
/// <param name="ToPeriodId">The target period: another one, not closed.</param>
/// <param name="ObjectiveIds">The objectives to carry (at most 1,000); left out: every unfinished one the caller may change (progress below 100%, active — or closed by the period's closing — and not carried before).</param>
public sealed record CarryOverPeriodRequest(Guid ToPeriodId, IReadOnlyList<Guid>? ObjectiveIds = null);

/// <summary>What a bulk carry-over did.</summary>
/// <param name="Carried">Each objective carried, with its copy.</param>
/// <param name="Skipped">Each listed objective left where it was, with the reason.</param>
public sealed record CarryOverResultDto(IReadOnlyList<CarriedObjectiveDto> Carried, IReadOnlyList<SkippedObjectiveDto> Skipped);

public sealed record CarryOverPeriodCommand(Guid PeriodId, CarryOverPeriodRequest Request) : ICommand<CarryOverResultDto>;

public sealed class CarryOverPeriodCommandValidator : AbstractValidator<CarryOverPeriodCommand>
{
    public const int MaxObjectives = 1000;

    public CarryOverPeriodCommandValidator()
    {
        RuleFor(c => c.Request.ToPeriodId).NotEmpty().OverridePropertyName("toPeriodId");
        RuleFor(c => c.Request.ObjectiveIds).MaxItems(MaxObjectives)
            .WithMessage($"At most {MaxObjectives} objectives are carried over in one request.").OverridePropertyName("objectiveIds");
    }
}

/// <summary>Everything in one transaction: every copy and every original's link and closing, or nothing.</summary>
public sealed class CarryOverPeriodCommandHandler(OkrDbContext db, AccessPolicy access, CarryOver carryOver)
    : ICommandHandler<CarryOverPeriodCommand, CarryOverResultDto>
{
    public async ValueTask<CarryOverResultDto> Handle(CarryOverPeriodCommand command, CancellationToken cancellationToken)
    {
        access.EnsureMayWrite();
        var source = await db.Periods.AsNoTracking().SingleOrDefaultAsync(p => p.Id == command.PeriodId, cancellationToken)
                     ?? throw new NotFoundException("Period", command.PeriodId);
        var target = await carryOver.TargetAsync(source.Id, command.Request.ToPeriodId, "toPeriodId", cancellationToken);
        var progress = await carryOver.ProgressAsync(source.Id, cancellationToken);
        var rights = await access.RightsAsync(cancellationToken);
        var visible = await access.VisibleAsync(db.Objectives, cancellationToken);
        var skipped = new List<SkippedObjectiveDto>();
        List<Objective> chosen;

        if (command.Request.ObjectiveIds is { } listed)
        {
            var ids = listed.Distinct().ToArray();
            var found = await visible.Where(o => ids.Contains(o.Id)).ToDictionaryAsync(o => o.Id, cancellationToken);
            chosen = [];
            foreach (var id in ids)
            {
                var reason = !found.TryGetValue(id, out var objective) ? "No such objective."
                    : objective.PeriodId != source.Id ? "It belongs to another period."
                    : !rights.CanWriteObjective(objective.TeamId, objective.OwnerId) ? "You may not change this objective."
                    : CarryOver.Problem(objective, progress.GetValueOrDefault(id));
                if (reason is null) chosen.Add(objective!);
                else skipped.Add(new(id, reason));
            }
        }
        else
        {
            // Unfinished: still active, or closed by the period's own closing (its score is its progress, so below 1).
            var closedToo = source.State == PeriodState.Closed;
            var candidates = await visible
                .Where(o => o.PeriodId == source.Id && o.CarriedOverToId == null
                            && (o.State == ObjectiveState.Active || (closedToo && o.State == ObjectiveState.Closed)))
                .ToListAsync(cancellationToken);
            chosen = [.. candidates.Where(o => rights.CanWriteObjective(o.TeamId, o.OwnerId) && CarryOver.Problem(o, progress.GetValueOrDefault(o.Id)) is null)];
        }

        var (carried, cannot) = await carryOver.CopyAsync(chosen, target, progress, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return new CarryOverResultDto(carried, [.. skipped, .. cannot]);
    }
}
