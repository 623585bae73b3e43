using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Okr.Api.Domain;
using Okr.Api.Features.KeyResults;
using Okr.Api.Infrastructure.Auth;
using Okr.Api.Infrastructure.Http;
using Okr.Api.Infrastructure.Mediator;
using Okr.Api.Infrastructure.Persistence;

namespace Okr.Api.Features.Objectives;

/// <summary>A new objective, optionally with its key results: "I will [title] as measured by [keyResults]".</summary>
/// <param name="Title">What will be achieved.</param>
/// <param name="PeriodId">The period it belongs to (not a closed one).</param>
/// <param name="TeamId">The owning team. The company team makes it a company objective.</param>
/// <param name="Description">Why it matters.</param>
/// <param name="OwnerId">An owning person makes it an individual objective; they must belong to the team.</param>
/// <param name="ParentId">The objective it aligns to: of a higher level, in the same period.</param>
/// <param name="Weight">Weight in the parent's roll-up, 0..1000 (default 1).</param>
/// <param name="State">draft or active (default active).</param>
/// <param name="ExternalId">Unique key in an external system.</param>
/// <param name="KeyResults">Key results created with it, at most 25.</param>
/// <param name="ProgressFrom">Where its progress comes from: key_results (default), aligned or both (docs/method.md, "Roll-up").</param>
/// <param name="AlignedShare">0..1: with progressFrom both, the share that comes from aligned objectives (default 0.5).</param>
public sealed record CreateObjectiveCommand(
    string Title,
    Guid PeriodId,
    Guid TeamId,
    string? Description = null,
    Guid? OwnerId = null,
    Guid? ParentId = null,
    decimal? Weight = null,
    ObjectiveState? State = null,
    string? ExternalId = null,
    IReadOnlyList<CreateKeyResultRequest>? KeyResults = null,
    ProgressSource? ProgressFrom = null,
    decimal? AlignedShare = null) : ICommand<ObjectiveDto>;

public sealed class CreateObjectiveCommandValidator : AbstractValidator<CreateObjectiveCommand>
{
    public const int MaxKeyResults = 25;

    public CreateObjectiveCommandValidator()
    {
        RuleFor(c => c.Title).NotEmpty().MaximumLength(Limits.Title).SingleLine();
        RuleFor(c => c.Description).MaximumLength(Limits.Description);
        RuleFor(c => c.PeriodId).NotEmpty();
        RuleFor(c => c.TeamId).NotEmpty();
        RuleFor(c => c.Weight).InclusiveBetween(0, Limits.MaxWeight);
        RuleFor(c => c.AlignedShare).InclusiveBetween(0, 1);
        RuleFor(c => c.State).Must(s => s is null or ObjectiveState.Draft or ObjectiveState.Active)
            .WithMessage("A new objective starts as 'draft' or 'active'.");
        RuleFor(c => c.ExternalId).MaximumLength(Limits.ExternalId).SingleLine().Must(e => e is null || e.Trim().Length > 0)
            .WithMessage("'externalId' must not be blank.");
        RuleFor(c => c.KeyResults).MaxItems(MaxKeyResults)
            .WithMessage($"Keep to at most {MaxKeyResults} key results: focus on the few that matter.");
        RuleForEach(c => c.KeyResults).SetValidator(new CreateKeyResultRequestValidator());
    }
}

public sealed class CreateObjectiveCommandHandler(
    OkrDbContext db, AccessPolicy access, AlignmentGuard alignment, ObjectiveReader reader, TimeProvider clock)
    : ICommandHandler<CreateObjectiveCommand, ObjectiveDto>
{
    public async ValueTask<ObjectiveDto> Handle(CreateObjectiveCommand command, CancellationToken cancellationToken)
    {
        // Permission first: someone who may not write here learns nothing about which ids exist.
        await access.EnsureCanWriteObjectiveAsync(command.TeamId, command.OwnerId, cancellationToken);
        await ObjectiveReferences.EnsurePeriodOpenAsync(db, command.PeriodId, cancellationToken);
        await ObjectiveReferences.EnsureTeamAndOwnerAsync(db, command.TeamId, command.OwnerId, cancellationToken);

        var teams = await alignment.TeamsAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var objective = new Objective
        {
            Title = command.Title.Trim(),
            Description = command.Description,
            PeriodId = command.PeriodId,
            TeamId = command.TeamId,
            OwnerId = command.OwnerId,
            ParentId = command.ParentId,
            Weight = command.Weight ?? 1,
            ProgressFrom = command.ProgressFrom ?? ProgressSource.KeyResults,
            AlignedShare = command.AlignedShare ?? Rollup.DefaultAlignedShare,
            ExternalId = command.ExternalId?.Trim(),
            CreatedAt = now,
            ModifiedAt = now,
        };
        objective.Start(command.State ?? ObjectiveState.Active);

        if (command.ParentId is { } parentId)
        {
            var self = new AlignmentNode(objective.Id, Objective.LevelOf(teams.IsCompany(objective.TeamId), objective.OwnerId), objective.TeamId, objective.PeriodId);
            await alignment.EnsureCanAlignAsync(self, parentId, teams, cancellationToken);
            var parentState = await db.Objectives.Where(o => o.Id == parentId).Select(o => o.State).SingleAsync(cancellationToken);
            if (Domain.Alignment.LinkProblem(objective.State, parentState) is { } problem) throw new DomainRuleException("parentId", problem);
            await alignment.EnsureMayWeighAsync(parentId, objective.Weight, cancellationToken);
        }

        var requests = command.KeyResults ?? [];
        await ObjectiveReferences.EnsureUsersExistAsync(db, requests.Select((k, i) => ($"keyResults[{i}].ownerId", k.OwnerId)), cancellationToken);
        for (var i = 0; i < requests.Count; i++)
        {
            try
            {
                // Microsecond apart, so the key results keep the order they were given in.
                objective.KeyResults.Add(KeyResultFactory.Create(requests[i], objective.Id, now.AddTicks(i * 10)));
            }
            catch (DomainRuleException e)
            {
                throw e.Within($"keyResults[{i}]");
            }
        }

        db.Objectives.Add(objective);
        await db.SaveChangesAsync(cancellationToken);
        return await reader.GetAsync(objective.Id, cancellationToken, justWritten: true);
    }
}
