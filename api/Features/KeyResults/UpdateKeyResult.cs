using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Okr.Api.Domain;
using Okr.Api.Features.Objectives;
using Okr.Api.Infrastructure.Auth;
using Okr.Api.Infrastructure.Errors;
using Okr.Api.Infrastructure.Http;
using Okr.Api.Infrastructure.Persistence;

namespace Okr.Api.Features.KeyResults;

/// <summary>Changes to a key result; fields left out stay as they are, nullable fields sent as null are cleared.</summary>
/// <param name="Title">New title.</param>
/// <param name="Type">metric or milestone.</param>
/// <param name="Direction">increase, decrease, stay_above or stay_below.</param>
/// <param name="Baseline">New baseline.</param>
/// <param name="Target">New target.</param>
/// <param name="Unit">number, percent, currency or a custom label.</param>
/// <param name="CurrencyCode">ISO 4217 code for the unit currency.</param>
/// <param name="Weight">New weight, 0..1000.</param>
/// <param name="OwnerId">New owner; null clears it.</param>
/// <param name="ExternalId">New external key; null clears it.</param>
/// <param name="CadenceDays">New check-in cadence, 1..366 days.</param>
public sealed record UpdateKeyResultRequest(
    string? Title = null, KeyResultType? Type = null, Direction? Direction = null, decimal? Baseline = null, decimal? Target = null,
    string? Unit = null, string? CurrencyCode = null, decimal? Weight = null, Guid? OwnerId = null, string? ExternalId = null, int? CadenceDays = null);

public sealed record UpdateKeyResultCommand(Guid Id, uint IfMatch, Patch<UpdateKeyResultRequest> Changes) : ICommand<KeyResultDto>;

public sealed class UpdateKeyResultCommandValidator : AbstractValidator<UpdateKeyResultCommand>
{
    public UpdateKeyResultCommandValidator()
    {
        string[] notNull = ["title", "type", "unit", "weight", "cadenceDays", "direction", "baseline", "target"];
        foreach (var field in notNull)
        {
            RuleFor(c => c.Changes.Value).Must(v => IsSet(v, field)).When(c => c.Changes.Has(field))
                .WithMessage($"'{field}' must not be null.").OverridePropertyName(field);
        }

        RuleFor(c => c.Changes.Value.Title).MaximumLength(Limits.Title).SingleLine().Must(t => t is null || t.Trim().Length > 0)
            .WithMessage("'title' must not be empty.").OverridePropertyName("title");
        RuleFor(c => c.Changes.Value.Unit).MaximumLength(Limits.Unit).SingleLine().Must(u => u is null || u.Trim().Length > 0)
            .WithMessage("'unit' must not be empty.").OverridePropertyName("unit");
        RuleFor(c => c.Changes.Value.Weight).InclusiveBetween(0, Limits.MaxWeight).OverridePropertyName("weight");
        RuleFor(c => c.Changes.Value.CadenceDays).InclusiveBetween(1, 366).OverridePropertyName("cadenceDays");
        RuleFor(c => c.Changes.Value.ExternalId).MaximumLength(Limits.ExternalId).SingleLine().OverridePropertyName("externalId");
        RuleFor(c => c.Changes.Value.Baseline).InclusiveBetween(-KeyResultRules.MaxMagnitude, KeyResultRules.MaxMagnitude)
            .PrecisionScale(19, KeyResultRules.MaxDecimals, true).OverridePropertyName("baseline");
        RuleFor(c => c.Changes.Value.Target).InclusiveBetween(-KeyResultRules.MaxMagnitude, KeyResultRules.MaxMagnitude)
            .PrecisionScale(19, KeyResultRules.MaxDecimals, true).OverridePropertyName("target");
    }

    private static bool IsSet(UpdateKeyResultRequest v, string field) => field switch
    {
        "title" => v.Title is not null,
        "type" => v.Type is not null,
        "unit" => v.Unit is not null,
        "weight" => v.Weight is not null,
        "cadenceDays" => v.CadenceDays is not null,
        "direction" => v.Direction is not null,
        "baseline" => v.Baseline is not null,
        "target" => v.Target is not null,
        _ => true,
    };
}

public sealed class UpdateKeyResultCommandHandler(OkrDbContext db, AccessPolicy access, TimeProvider clock)
    : ICommandHandler<UpdateKeyResultCommand, KeyResultDto>
{
    public async ValueTask<KeyResultDto> Handle(UpdateKeyResultCommand command, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var keyResult = await db.KeyResults.SingleOrDefaultAsync(k => k.Id == command.Id, cancellationToken)
                        ?? throw new NotFoundException("Key result", command.Id);
        var context = await KeyResultQueries.ContextOfKeyResultAsync(db, access, keyResult, now, cancellationToken);
        // A key result's owner checks in; changing it is the objective's decision (FieldRights.KeyResult), even an empty PATCH.
        await access.EnsureCanWriteObjectiveAsync(context.TeamId, context.ObjectiveOwnerId, cancellationToken);
        access.EnsurePeriodAllowsWrite(context.Period.State);
        await access.EnsureMayChangeAsync(FieldRights.KeyResult, command.Changes.Fields, context.TeamId, context.ObjectiveOwnerId, cancellationToken);
        db.ExpectVersion(keyResult, command.IfMatch);

        var (changes, has) = (command.Changes.Value, command.Changes);
        if (has.Has("ownerId") && changes.OwnerId != keyResult.OwnerId)
        {
            await ObjectiveReferences.EnsureUsersExistAsync(db, [("ownerId", changes.OwnerId)], cancellationToken);
            keyResult.OwnerId = changes.OwnerId;
        }

        if (changes.Title is not null) keyResult.Title = changes.Title.Trim();
        if (changes.Weight is { } weight) keyResult.Weight = weight;
        if (changes.CadenceDays is { } cadence) keyResult.CadenceDays = cadence;
        if (has.Has("externalId")) keyResult.ExternalId = changes.ExternalId?.Trim();

        var unit = changes.Unit?.Trim() ?? keyResult.Unit;
        var currency = has.Has("currencyCode") ? changes.CurrencyCode : unit == KeyResultRules.Currency ? keyResult.CurrencyCode : null;
        if (unit == KeyResultRules.Currency && !KeyResultRules.BeCurrencyCode(currency)) throw new BadRequestFieldException("currencyCode", KeyResultRules.CurrencyMessage);
        if (unit != KeyResultRules.Currency && currency is not null) throw new BadRequestFieldException("currencyCode", "'currencyCode' is only for the unit 'currency'.");
        (keyResult.Unit, keyResult.CurrencyCode) = (unit, currency);

        if (changes.Type is not null || changes.Direction is not null || changes.Baseline is not null || changes.Target is not null)
        {
            // A milestone takes only the numbers sent (its own are 0 and 1); a metric keeps those not sent.
            var type = changes.Type ?? keyResult.Type;
            if (type == KeyResultType.Milestone) keyResult.Define(type, changes.Direction, changes.Baseline, changes.Target);
            else keyResult.Define(type, changes.Direction ?? keyResult.Direction, changes.Baseline ?? keyResult.Baseline, changes.Target ?? keyResult.Target);
        }

        keyResult.ModifiedAt = now;
        await db.SaveChangesAsync(cancellationToken);
        return keyResult.ToRow().ToDto(context.Period, context.ObjectiveState, (await access.RightsAsync(cancellationToken)).ForKeyResult(context.TeamId, context.ObjectiveOwnerId, keyResult.OwnerId, context.Period));
    }
}
