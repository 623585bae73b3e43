using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Okr.Api.Domain;
using Okr.Api.Features.Objectives;
using Okr.Api.Infrastructure.Auth;
using Okr.Api.Infrastructure.Persistence;

namespace Okr.Api.Features.KeyResults;

public sealed record AddKeyResultCommand(Guid ObjectiveId, CreateKeyResultRequest KeyResult) : ICommand<KeyResultDto>;

public sealed class AddKeyResultCommandValidator : AbstractValidator<AddKeyResultCommand>
{
    private static readonly CreateKeyResultRequestValidator Body = new();

    // The body is the key result itself, so its errors are named as in the body ("target", not "keyResult.target").
    public AddKeyResultCommandValidator() =>
        RuleFor(c => c.KeyResult).Custom((keyResult, context) =>
        {
            foreach (var failure in Body.Validate(keyResult).Errors) context.AddFailure(failure);
        });
}

public sealed class AddKeyResultCommandHandler(OkrDbContext db, AccessPolicy access, TimeProvider clock)
    : ICommandHandler<AddKeyResultCommand, KeyResultDto>
{
    public async ValueTask<KeyResultDto> Handle(AddKeyResultCommand command, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var context = await KeyResultQueries.ContextOfObjectiveAsync(db, access, command.ObjectiveId, now, cancellationToken);
        await access.EnsureCanWriteObjectiveAsync(context.TeamId, context.ObjectiveOwnerId, cancellationToken);
        access.EnsurePeriodAllowsWrite(context.Period.State);
        await ObjectiveReferences.EnsureUsersExistAsync(db, [("ownerId", command.KeyResult.OwnerId)], cancellationToken);

        var count = await db.KeyResults.CountAsync(k => k.ObjectiveId == command.ObjectiveId, cancellationToken);
        if (count >= CreateObjectiveCommandValidator.MaxKeyResults)
        {
            throw new DomainRuleException("objectiveId", $"An objective holds at most {CreateObjectiveCommandValidator.MaxKeyResults} key results: focus on the few that matter.");
        }

        var keyResult = KeyResultFactory.Create(command.KeyResult, command.ObjectiveId, now);
        db.KeyResults.Add(keyResult);
        await db.SaveChangesAsync(cancellationToken);
        return keyResult.ToRow().ToDto(context.Period, context.ObjectiveState, (await access.RightsAsync(cancellationToken)).ForKeyResult(context.TeamId, context.ObjectiveOwnerId, keyResult.OwnerId, context.Period));
    }
}
