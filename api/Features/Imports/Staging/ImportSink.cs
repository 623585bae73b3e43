using System.Text.RegularExpressions;
using Okr.Api.Domain;
using Okr.Api.Features.KeyResults;
using Okr.Api.Features.Teams;
using Okr.Api.Infrastructure.Persistence;

namespace Okr.Api.Features.Imports;

/// <summary>What the readers hand over: a record and where it was found.</summary>
public readonly record struct Located<T>(ImportLocation At, T Value);

/// <summary>One objective, key result or check-in on its way into the staging table, its fields checked.</summary>
internal sealed class StageRow
{
    public const char ObjectiveKind = 'o';
    public const char KeyResultKind = 'k';
    public const char CheckInKind = 'c';

    public char Kind { get; init; }
    public ImportLocation At { get; init; }
    public long Seq { get; set; }
    public Guid Id { get; } = Guid.CreateVersion7();

    /// <summary>Objective and key result: their externalId. Check-in: its key result's externalId.</summary>
    public required string Ext { get; init; }

    /// <summary>Objective: its parent's externalId. Key result: its objective's externalId.</summary>
    public string? Ref { get; init; }

    public string? Title { get; init; }
    public string? Description { get; init; }
    public string? Period { get; init; }
    public string? Team { get; init; }

    /// <summary>Objective and key result: the owner's email. Check-in: the author's email.</summary>
    public string? Person { get; init; }

    public decimal? Weight { get; init; }
    public string? State { get; init; }
    public decimal? FinalScore { get; init; }
    public string? ClosingComment { get; init; }
    public string? Type { get; init; }
    public string? Direction { get; init; }
    public decimal? Baseline { get; init; }
    public decimal? Target { get; init; }
    public string? Unit { get; init; }
    public string? Currency { get; init; }
    public int? Cadence { get; init; }
    public decimal? Value { get; init; }
    public int? Confidence { get; init; }
    public string? Note { get; init; }
    public DateTimeOffset? MeasuredAt { get; init; }

    /// <summary>Staged only so that references to it resolve; its own fields had errors.</summary>
    public bool Bad { get; init; }

    /// <summary>Same objective columns (CSV repeats an objective on each of its key results' rows).</summary>
    public bool DescribesSameObjective(StageRow other) =>
        Ext == other.Ext && Ref == other.Ref && Title == other.Title && Description == other.Description && Period == other.Period
        && Team == other.Team && Person == other.Person && Weight == other.Weight && State == other.State
        && FinalScore == other.FinalScore && ClosingComment == other.ClosingComment && Bad == other.Bad;
}

/// <summary>
/// Receives the records a reader parses, checks every field, and queues objectives, key results and check-ins for
/// the staging table. Teams, people and periods (the organisation's size, not the file's) are kept for the merge.
/// </summary>
internal sealed partial class ImportSink(ImportErrorList errors, ImportFormat format, TimeProvider clock)
{
    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);
    private StageRow? _lastObjective;
    private long _seq;

    public List<Located<ImportTeam>> Teams { get; } = [];
    public List<Located<ImportUser>> Users { get; } = [];
    public List<Located<ImportPeriod>> Periods { get; } = [];

    /// <summary>Rows parsed but not yet written to the staging table.</summary>
    public List<StageRow> Pending { get; } = [];

    /// <summary>Records read so far (CSV rows, or JSON elements).</summary>
    public long RecordsRead { get; set; }

    public ImportErrorList Errors => errors;

    public void Reject(ImportLocation at, char kind, string field, string message) => errors.Add(at, FieldName(kind, field), message);

    /// <summary>A field name as the file spells it: the JSON name, or for CSV the column header.</summary>
    public string FieldName(char kind, string field) => format == ImportFormat.Csv ? CsvImportReader.ColumnOf(kind, field) : field;

    public void AddTeam(ImportLocation at, ImportTeam team) => Teams.Add(new(at, team));

    public void AddUser(ImportLocation at, ImportUser user) => Users.Add(new(at, user));

    public void AddPeriod(ImportLocation at, ImportPeriod period) => Periods.Add(new(at, period));

    public void AddObjective(ImportLocation at, ImportObjective o)
    {
        const char kind = StageRow.ObjectiveKind;
        var before = errors.Count;
        var ext = Key(at, kind, "externalId", o.ExternalId);
        Text(at, kind, "title", o.Title, Limits.Title, required: true);
        Text(at, kind, "description", o.Description, Limits.Description);
        Required(at, kind, "period", o.Period, Limits.Label);
        Required(at, kind, "team", o.Team, Limits.Slug);
        var owner = Email(at, kind, "owner", o.Owner);
        Text(at, kind, "parent", o.Parent, Limits.ExternalId);
        if (o.Parent is not null && o.Parent.Trim() == ext) Reject(at, kind, "parent", "An objective cannot align to itself.");
        Weight(at, kind, "weight", o.Weight);
        // A closed objective keeps its outcome when it is later archived (or brought back as a draft); an active one has none.
        var active = (o.State ?? ObjectiveState.Active) == ObjectiveState.Active;
        if (o.FinalScore is not null && active) Reject(at, kind, "finalScore", "An active objective has no final score yet: it is recorded when the objective is closed.");
        if (o.FinalScore is < 0 or > 1) Reject(at, kind, "finalScore", "The final score is a fraction from 0 to 1.");
        if (!string.IsNullOrEmpty(o.ClosingComment) && active) Reject(at, kind, "closingComment", "An active objective has no closing comment yet: it is recorded when the objective is closed.");
        Text(at, kind, "closingComment", o.ClosingComment, Limits.Description);

        var row = new StageRow
        {
            Kind = kind,
            At = at,
            Ext = ext ?? "",
            Ref = Blank(o.Parent),
            Title = o.Title?.Trim(),
            Description = FreeText(o.Description),
            Period = o.Period?.Trim(),
            Team = o.Team?.Trim(),
            Person = owner,
            Weight = o.Weight ?? 1,
            State = SnakeCaseNames<ObjectiveState>.ToName[o.State ?? ObjectiveState.Active],
            FinalScore = o.FinalScore,
            ClosingComment = FreeText(o.ClosingComment),
            Bad = errors.Count > before,
        };
        if (ext is null) return; // nothing could refer to it

        // CSV repeats the objective on every row of its key results: stage it once.
        if (_lastObjective is not null && _lastObjective.DescribesSameObjective(row)) return;
        _lastObjective = row;
        Queue(row);
    }

    public void AddKeyResult(ImportLocation at, ImportKeyResult k)
    {
        const char kind = StageRow.KeyResultKind;
        var before = errors.Count;
        var ext = Key(at, kind, "externalId", k.ExternalId);
        Required(at, kind, "objective", k.Objective, Limits.ExternalId);
        Text(at, kind, "title", k.Title, Limits.Title, required: true);
        var unit = Blank(k.Unit) ?? "number";
        Text(at, kind, "unit", unit, Limits.Unit);
        var currency = Blank(k.CurrencyCode);
        if (unit == KeyResultRules.Currency && !KeyResultRules.BeCurrencyCode(currency)) Reject(at, kind, "currencyCode", KeyResultRules.CurrencyMessage);
        if (unit != KeyResultRules.Currency && currency is not null) Reject(at, kind, "currencyCode", "'currencyCode' is only for the unit 'currency'.");
        Weight(at, kind, "weight", k.Weight);
        var owner = Email(at, kind, "owner", k.Owner);
        if (k.CadenceDays is < 1 or > 366) Reject(at, kind, "cadenceDays", "'cadenceDays' must be from 1 to 366.");
        Number(at, kind, "baseline", k.Baseline);
        Number(at, kind, "target", k.Target);

        var type = k.Type ?? KeyResultType.Metric;
        var definition = new KeyResult { Title = "", Unit = "" };
        if (type == KeyResultType.Milestone && (k.Direction is not (null or Domain.Direction.Increase) || k.Baseline is not (null or 0) || k.Target is not (null or 1)))
        {
            Reject(at, kind, "type", "A milestone runs from 0 (not done) to 1 (done): leave out direction, baseline and target (or give increase, 0 and 1).");
        }
        else
        {
            try
            {
                definition.Define(type, k.Direction, k.Baseline, k.Target);
            }
            catch (DomainRuleException e)
            {
                Reject(at, kind, e.Field, e.Message);
            }
        }

        if (ext is null) return;
        var bad = errors.Count > before; // still staged, so that check-ins referring to it do not report it missing
        Queue(new StageRow
        {
            Kind = kind,
            At = at,
            Ext = ext,
            Ref = Blank(k.Objective),
            Title = k.Title?.Trim(),
            Person = owner,
            Weight = k.Weight ?? 1,
            Type = SnakeCaseNames<KeyResultType>.ToName[definition.Type],
            Direction = SnakeCaseNames<Direction>.ToName[definition.Direction],
            Baseline = definition.Baseline,
            Target = definition.Target,
            Unit = unit,
            Currency = currency,
            Cadence = k.CadenceDays ?? KeyResult.DefaultCadenceDays,
            Bad = bad,
        });
    }

    public void AddCheckIn(ImportLocation at, ImportCheckIn c)
    {
        const char kind = StageRow.CheckInKind;
        var before = errors.Count;
        Required(at, kind, "keyResult", c.KeyResult, Limits.ExternalId);
        Number(at, kind, "value", c.Value);
        if (c.Confidence is < 0 or > 10) Reject(at, kind, "confidence", "Confidence is from 0 to 10.");
        Text(at, kind, "note", c.Note, Limits.Note);
        var author = Email(at, kind, "author", c.Author);
        if (c.MeasuredAt.Year < 2000) Reject(at, kind, "measuredAt", "'measuredAt' must be in the year 2000 or later.");
        else if (c.MeasuredAt > clock.GetUtcNow() + ClockSkew) Reject(at, kind, "measuredAt", "'measuredAt' must not be in the future.");

        if (errors.Count > before) return;
        Queue(new StageRow
        {
            Kind = kind,
            At = at,
            Ext = c.KeyResult.Trim(),
            Value = c.Value,
            Confidence = c.Confidence ?? KeyResult.DefaultConfidence,
            Note = CheckIn.CleanNote(c.Note),
            Person = author,
            MeasuredAt = c.MeasuredAt.ToUniversalTime(),
        });
    }

    /// <summary>Checks a team, person or period; returns false (with errors recorded) when it is unusable.</summary>
    public bool Check(ImportLocation at, ImportTeam team)
    {
        var before = errors.Count;
        if (Required(at, 't', "slug", team.Slug, Limits.Slug) && !SlugPattern().IsMatch(team.Slug.Trim()))
        {
            Reject(at, 't', "slug", "A slug is lower-case letters and digits, words joined by single dashes, e.g. 'customer-success'.");
        }

        Text(at, 't', "name", team.Name, Limits.Name, required: true);
        Text(at, 't', "parent", team.Parent, Limits.Slug);
        return errors.Count == before;
    }

    public bool Check(ImportLocation at, ImportUser user)
    {
        var before = errors.Count;
        if (Required(at, 'u', "email", user.Email, Limits.Email) && !LooksLikeEmail(user.Email)) Reject(at, 'u', "email", "'email' is not a valid email address.");
        Text(at, 'u', "displayName", user.DisplayName, Limits.Name, required: true);
        Email(at, 'u', "manager", user.Manager);
        foreach (var (membership, i) in (user.Teams ?? []).Select((m, i) => (m, i)))
        {
            if (membership is null || string.IsNullOrWhiteSpace(membership.Team)) Reject(at, 'u', $"teams[{i}].team", "'team' is required: the slug of a team.");
        }

        return errors.Count == before;
    }

    public bool Check(ImportLocation at, ImportPeriod period)
    {
        var before = errors.Count;
        Required(at, 'p', "label", period.Label, Limits.Label);
        try
        {
            new Period { Label = "" }.SetDates(period.StartDate, period.EndDate);
        }
        catch (DomainRuleException e)
        {
            Reject(at, 'p', e.Field, e.Message);
        }

        return errors.Count == before;
    }

    private void Queue(StageRow row)
    {
        row.Seq = ++_seq;
        Pending.Add(row);
    }

    private string? Key(ImportLocation at, char kind, string field, string? value) =>
        Required(at, kind, field, value, Limits.ExternalId) ? value!.Trim() : null;

    private bool Required(ImportLocation at, char kind, string field, string? value, int max)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            Reject(at, kind, field, $"'{FieldName(kind, field)}' is required.");
            return false;
        }

        return Text(at, kind, field, value, max);
    }

    private bool Text(ImportLocation at, char kind, string field, string? value, int max, bool required = false)
    {
        if (required && string.IsNullOrWhiteSpace(value))
        {
            Reject(at, kind, field, $"'{FieldName(kind, field)}' is required.");
            return false;
        }

        if (value is null || value.Trim().Length <= max) return true;
        Reject(at, kind, field, $"'{FieldName(kind, field)}' must be {max} characters or fewer.");
        return false;
    }

    private string? Email(ImportLocation at, char kind, string field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        if (!Text(at, kind, field, value, Limits.Email)) return null;
        if (!LooksLikeEmail(value))
        {
            Reject(at, kind, field, $"'{FieldName(kind, field)}' must be a person's email address.");
            return null;
        }

        return User.NormaliseEmail(value);
    }

    private void Weight(ImportLocation at, char kind, string field, decimal? weight)
    {
        if (weight is < 0 or > Limits.MaxWeight) Reject(at, kind, field, $"'{FieldName(kind, field)}' must be from 0 to {Limits.MaxWeight}.");
    }

    private void Number(ImportLocation at, char kind, string field, decimal? value)
    {
        if (value is null) return;
        if (Math.Abs(value.Value) > KeyResultRules.MaxMagnitude)
        {
            Reject(at, kind, field, $"'{FieldName(kind, field)}' must be between -1,000,000,000,000 and 1,000,000,000,000.");
        }
        else if ((value.Value / 1.000000000000000000000000000000000m).Scale > KeyResultRules.MaxDecimals)
        {
            Reject(at, kind, field, $"'{FieldName(kind, field)}' may have at most {KeyResultRules.MaxDecimals} decimal places.");
        }
    }

    private static bool LooksLikeEmail(string value)
    {
        var at = value.IndexOf('@');
        return at > 0 && at < value.Trim().Length - 1 && at == value.LastIndexOf('@') && !value.Trim().Contains(' ');
    }

    /// <summary>Keys, titles and units are trimmed (as the API trims them); blank means absent.</summary>
    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    /// <summary>Free text is kept exactly as written (as the API keeps it); only empty means absent.</summary>
    private static string? FreeText(string? value) => string.IsNullOrEmpty(value) ? null : value;

    [GeneratedRegex(TeamRules.SlugPattern)]
    private static partial Regex SlugPattern();
}
