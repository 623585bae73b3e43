using FluentValidation;
using Okr.Api.Domain;
using Okr.Api.Infrastructure.Http;

namespace Okr.Api.Features.KeyResults;

/// <summary>A new key result. A metric needs a direction, a baseline and a target: "Reduce churn from 8% to 5%" is direction decrease, baseline 8, target 5, unit percent.</summary>
/// <param name="Title">What it measures.</param>
/// <param name="Type">metric (default) or milestone.</param>
/// <param name="Direction">increase, decrease, stay_above or stay_below. Required for a metric.</param>
/// <param name="Baseline">Where it starts. Required for a metric.</param>
/// <param name="Target">Where it must get to. Required for a metric.</param>
/// <param name="Unit">number (default), percent, currency, or a custom label such as "hours".</param>
/// <param name="CurrencyCode">ISO 4217 code, required when the unit is currency.</param>
/// <param name="Weight">Weight in the objective's progress, 0..1000 (default 1).</param>
/// <param name="OwnerId">Who is accountable (default: nobody).</param>
/// <param name="ExternalId">Unique key in an external system.</param>
/// <param name="CadenceDays">How often a check-in is expected, 1..366 days (default 7).</param>
public sealed record CreateKeyResultRequest(
    string Title,
    KeyResultType Type = KeyResultType.Metric,
    Direction? Direction = null,
    decimal? Baseline = null,
    decimal? Target = null,
    string Unit = "number",
    string? CurrencyCode = null,
    decimal? Weight = null,
    Guid? OwnerId = null,
    string? ExternalId = null,
    int? CadenceDays = null);

public sealed class CreateKeyResultRequestValidator : AbstractValidator<CreateKeyResultRequest>
{
    public CreateKeyResultRequestValidator()
    {
        RuleFor(k => k.Title).NotEmpty().MaximumLength(Limits.Title).SingleLine();
        RuleFor(k => k.Type).IsInEnum();
        RuleFor(k => k.Unit).NotEmpty().MaximumLength(Limits.Unit).SingleLine();
        RuleFor(k => k.CurrencyCode).Must(KeyResultRules.BeCurrencyCode).When(k => k.Unit == KeyResultRules.Currency)
            .WithMessage(KeyResultRules.CurrencyMessage);
        RuleFor(k => k.CurrencyCode).Null().When(k => k.Unit != KeyResultRules.Currency)
            .WithMessage("'currencyCode' is only for the unit 'currency'.");
        RuleFor(k => k.Weight).InclusiveBetween(0, Limits.MaxWeight);
        RuleFor(k => k.ExternalId).MaximumLength(Limits.ExternalId).SingleLine().Must(e => e is null || e.Trim().Length > 0).WithMessage("'externalId' must not be blank.");
        RuleFor(k => k.CadenceDays).InclusiveBetween(1, 366);
        RuleFor(k => k.Baseline).InclusiveBetween(-KeyResultRules.MaxMagnitude, KeyResultRules.MaxMagnitude).PrecisionScale(19, KeyResultRules.MaxDecimals, true);
        RuleFor(k => k.Target).InclusiveBetween(-KeyResultRules.MaxMagnitude, KeyResultRules.MaxMagnitude).PrecisionScale(19, KeyResultRules.MaxDecimals, true);
    }
}

internal static class KeyResultRules
{
    public const string Currency = "currency";
    public const string CurrencyMessage = "The unit 'currency' needs 'currencyCode': three capital letters (ISO 4217), e.g. 'EUR'.";

    /// <summary>Values beyond a trillion are typos, and they keep the numeric arithmetic far from overflow.</summary>
    public const decimal MaxMagnitude = 1_000_000_000_000m;

    /// <summary>Decimal places a measured number may have.</summary>
    public const int MaxDecimals = 6;

    public static bool BeCurrencyCode(string? code) => code is { Length: 3 } && code.All(char.IsAsciiLetterUpper);
}
