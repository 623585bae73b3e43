using System.Globalization;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Okr.Api.Domain;
using Okr.Api.Features.Periods;
using Okr.Api.Infrastructure.Auth;
using Okr.Api.Infrastructure.Persistence;

namespace Okr.Api.Features.Cycle;

/// <summary>How long each generated period runs.</summary>
public enum PeriodCadence { Month, Quarter, HalfYear }

/// <summary>A schedule of consecutive periods.</summary>
/// <param name="Cadence">month, quarter or half_year.</param>
/// <param name="From">First day of the first period: the first day of a month.</param>
/// <param name="Count">How many periods, 1..24.</param>
public sealed record GeneratePeriodsCommand(PeriodCadence Cadence, DateOnly From, int Count) : ICommand<GeneratedPeriodsDto>;

/// <summary>What the generation did.</summary>
/// <param name="Created">The new periods, in order; each starts in planning.</param>
/// <param name="Skipped">Labels that already existed, so no period was made for them.</param>
public sealed record GeneratedPeriodsDto(IReadOnlyList<PeriodDto> Created, IReadOnlyList<string> Skipped);

public sealed class GeneratePeriodsCommandValidator : AbstractValidator<GeneratePeriodsCommand>
{
    public const int MaxCount = 24;

    public GeneratePeriodsCommandValidator()
    {
        RuleFor(c => c.Cadence).IsInEnum();
        RuleFor(c => c.From).Must(d => d.Day == 1).WithMessage("'from' must be the first day of a month: periods follow the calendar.")
            .InclusiveBetween(Period.Earliest, Period.Latest);
        RuleFor(c => c.Count).InclusiveBetween(1, MaxCount);
        RuleFor(c => c).Must(c => GeneratePeriodsCommandHandler.Months(c.Cadence) * (long)c.Count <= (Period.Latest.Year - c.From.Year) * 12L + 12 - c.From.Month + 1)
            .When(c => c.From >= Period.Earliest && c.From <= Period.Latest && c.Count is >= 1 and <= MaxCount)
            .WithMessage("The periods would run past 2099-12-31.").OverridePropertyName("count");
    }
}

/// <summary>Admins only. Labels follow the calendar: "January 2027", "2027 Q1", "2027 H1"; periods not on those boundaries name their months ("2027 Feb–Apr").</summary>
public sealed class GeneratePeriodsCommandHandler(OkrDbContext db, AccessPolicy access, TimeProvider clock) : ICommandHandler<GeneratePeriodsCommand, GeneratedPeriodsDto>
{
    public static int Months(PeriodCadence cadence) => cadence switch { PeriodCadence.Month => 1, PeriodCadence.Quarter => 3, _ => 6 };

    public static string Label(PeriodCadence cadence, DateOnly start)
    {
        var culture = CultureInfo.InvariantCulture;
        var months = Months(cadence);
        if (cadence == PeriodCadence.Month) return start.ToString("MMMM yyyy", culture);
        if ((start.Month - 1) % months == 0)
        {
            return cadence == PeriodCadence.Quarter ? $"{start.Year} Q{(start.Month + 2) / 3}" : $"{start.Year} H{(start.Month + 5) / 6}";
        }

        var last = start.AddMonths(months - 1);
        return last.Year == start.Year
            ? $"{start.Year} {start.ToString("MMM", culture)}–{last.ToString("MMM", culture)}"
            : $"{start.ToString("MMM yyyy", culture)}–{last.ToString("MMM yyyy", culture)}";
    }

    public async ValueTask<GeneratedPeriodsDto> Handle(GeneratePeriodsCommand command, CancellationToken cancellationToken)
    {
        access.EnsureAdmin("create periods");
        var months = Months(command.Cadence);
        var planned = Enumerable.Range(0, command.Count)
            .Select(i => command.From.AddMonths(i * months))
            .Select(start => (Label: Label(command.Cadence, start), Start: start, End: start.AddMonths(months).AddDays(-1)))
            .ToList();
        var labels = planned.Select(p => p.Label).ToArray();
        var existing = (await db.Periods.Where(p => labels.Contains(p.Label)).Select(p => p.Label).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        var now = clock.GetUtcNow();
        var created = new List<Period>();
        foreach (var (label, start, end) in planned.Where(p => !existing.Contains(p.Label)))
        {
            var period = new Period { Label = label, CreatedAt = now };
            period.SetDates(start, end);
            db.Periods.Add(period);
            created.Add(period);
        }

        await db.SaveChangesAsync(cancellationToken);
        return new GeneratedPeriodsDto([.. created.Select(p => p.ToDto())], [.. planned.Where(p => existing.Contains(p.Label)).Select(p => p.Label)]);
    }
}
