using Okr.Api.Domain;
using Okr.Api.Features.KeyResults;
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
    public required string ExternalId { get; init; }

    /// <summary>Objective: its parent's externalId. Key result: its objective's externalId.</summary>
    public string? RefersTo { get; init; }

    public string? Title { get; init; }
    public string? Description { get; init; }
    public string? Period { get; init; }
    public string? Team { get; init; }

    /// <summary>Objective and key result: the owner's email. Check-in: the author's email.</summary>
    public string? Person { get; init; }

    public decimal? Weight { get; init; }
    public string? ProgressFrom { get; init; }
    public decimal? AlignedShare { get; init; }
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
    public bool HasErrors { get; init; }

    /// <summary>Same objective columns (CSV repeats an objective on each of its key results' rows).</summary>
    public bool DescribesSameObjective(StageRow other) =>
        ExternalId == other.ExternalId && RefersTo == other.RefersTo && Title == other.Title && Description == other.Description && Period == other.Period
        && Team == other.Team && Person == other.Person && Weight == other.Weight && State == other.State
        && ProgressFrom == other.ProgressFrom && AlignedShare == other.AlignedShare
        && FinalScore == other.FinalScore && ClosingComment == other.ClosingComment && HasErrors == other.HasErrors;
}

/// <summary>
/// Receives the records a reader parses, checks every field, and queues objectives, key results and check-ins for
/// the staging table. Teams, people and periods (the organisation's size, not the file's) are kept for the merge.
/// </summary>
internal sealed class ImportSink(ImportErrorList errors, ImportFormat format, TimeProvider clock)
{
    private const char TeamKind = 't';
    private const char UserKind = 'u';
    private const char PeriodKind = 'p';
    private readonly FieldCheck _fields = new(clock);
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
        Report(at, kind, _fields.Objective(o));
        Required(at, kind, "period", o.Period, Limits.Label);
        Required(at, kind, "team", o.Team, Limits.Slug);
        var owner = Email(at, kind, "owner", o.Owner);
        Reference(at, kind, "parent", o.Parent);
        if (o.Parent is not null && o.Parent.Trim() == ext) Reject(at, kind, "parent", "An objective cannot align to itself.");

        var row = new StageRow
        {
            Kind = kind,
            At = at,
            ExternalId = ext ?? "",
            RefersTo = Blank(o.Parent),
            Title = o.Title?.Trim(),
            Description = FreeText(o.Description),
            Period = o.Period?.Trim(),
            Team = o.Team?.Trim(),
            Person = owner,
            Weight = o.Weight ?? 1,
            ProgressFrom = SnakeCaseNames<ProgressSource>.ToName[o.ProgressFrom ?? ProgressSource.KeyResults],
            AlignedShare = o.AlignedShare ?? Rollup.DefaultAlignedShare,
            State = SnakeCaseNames<ObjectiveState>.ToName[o.State ?? ObjectiveState.Active],
            FinalScore = o.FinalScore,
            ClosingComment = FreeText(o.ClosingComment),
            HasErrors = errors.Count > before,
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
        var owner = Email(at, kind, "owner", k.Owner);
        // A blank unit cell means the API's default; every other field goes to the API's rules as written.
        var request = new CreateKeyResultRequest(k.Title!, k.Type ?? KeyResultType.Metric, k.Direction, k.Baseline, k.Target,
            string.IsNullOrWhiteSpace(k.Unit) ? "number" : k.Unit, string.IsNullOrEmpty(k.CurrencyCode) ? null : k.CurrencyCode, k.Weight, ExternalId: ext, CadenceDays: k.CadenceDays);
        var problems = new List<FieldProblem>();
        var definition = _fields.KeyResult(request, problems);
        Report(at, kind, problems);

        if (ext is null) return;
        var bad = errors.Count > before || definition is null; // still staged, so that check-ins referring to it do not report it missing
        Queue(new StageRow
        {
            Kind = kind,
            At = at,
            ExternalId = ext,
            RefersTo = Blank(k.Objective),
            Title = definition?.Title ?? k.Title?.Trim(),
            Person = owner,
            Weight = definition?.Weight ?? 1,
            Type = SnakeCaseNames<KeyResultType>.ToName[definition?.Type ?? KeyResultType.Metric],
            Direction = SnakeCaseNames<Direction>.ToName[definition?.Direction ?? Domain.Direction.Increase],
            Baseline = definition?.Baseline ?? 0,
            Target = definition?.Target ?? 0,
            Unit = definition?.Unit ?? request.Unit,
            Currency = definition?.CurrencyCode,
            Cadence = definition?.CadenceDays ?? KeyResult.DefaultCadenceDays,
            HasErrors = bad,
        });
    }

    public void AddCheckIn(ImportLocation at, ImportCheckIn c)
    {
        const char kind = StageRow.CheckInKind;
        var before = errors.Count;
        Required(at, kind, "keyResult", c.KeyResult, Limits.ExternalId);
        var author = Email(at, kind, "author", c.Author);
        Report(at, kind, _fields.CheckIn(c));

        if (errors.Count > before) return;
        Queue(new StageRow
        {
            Kind = kind,
            At = at,
            ExternalId = c.KeyResult.Trim(),
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
        Report(at, TeamKind, _fields.Team(team));
        Reference(at, TeamKind, "parent", team.Parent, Limits.Slug);
        return errors.Count == before;
    }

    public bool Check(ImportLocation at, ImportUser user)
    {
        var before = errors.Count;
        Report(at, UserKind, _fields.User(user));
        Email(at, UserKind, "manager", user.Manager);
        foreach (var (membership, i) in (user.Teams ?? []).Select((m, i) => (m, i)))
        {
            if (membership is null || string.IsNullOrWhiteSpace(membership.Team)) Reject(at, UserKind, $"teams[{i}].team", "'team' is required: the slug of a team.");
        }

        return errors.Count == before;
    }

    public bool Check(ImportLocation at, ImportPeriod period)
    {
        var before = errors.Count;
        Report(at, PeriodKind, _fields.Period(period));
        return errors.Count == before;
    }

    private void Queue(StageRow row)
    {
        row.Seq = ++_seq;
        Pending.Add(row);
    }

    /// <summary>Records what the API's rules found, under the file's names for the fields.</summary>
    private void Report(ImportLocation at, char kind, IEnumerable<FieldProblem> problems)
    {
        foreach (var (field, message) in problems)
        {
            var name = FieldName(kind, field);
            Reject(at, kind, field, name == field ? message : message.Replace($"'{field}'", $"'{name}'", StringComparison.Ordinal));
        }
    }

    /// <summary>An import's own key (externalId): required, as the file's records refer to each other by it.</summary>
    private string? Key(ImportLocation at, char kind, string field, string? value) =>
        Required(at, kind, field, value, Limits.ExternalId) ? value!.Trim() : null;

    private bool Required(ImportLocation at, char kind, string field, string? value, int max)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            Reject(at, kind, field, $"'{FieldName(kind, field)}' is required.");
            return false;
        }

        return Reference(at, kind, field, value, max);
    }

    /// <summary>A key that refers to another record (a parent's externalId or slug): no longer than such a key may be.</summary>
    private bool Reference(ImportLocation at, char kind, string field, string? value, int max = Limits.ExternalId)
    {
        if (value is null || value.Trim().Length <= max) return true;
        Reject(at, kind, field, $"'{FieldName(kind, field)}' must be {max} characters or fewer.");
        return false;
    }

    /// <summary>An email that refers to a person (owner, author, manager): the shape <see cref="User.IsEmailAddress"/> accepts.</summary>
    private string? Email(ImportLocation at, char kind, string field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        if (!Reference(at, kind, field, value, Limits.Email)) return null;
        if (!User.IsEmailAddress(value))
        {
            Reject(at, kind, field, $"'{FieldName(kind, field)}' must be a person's email address.");
            return null;
        }

        return User.NormaliseEmail(value);
    }

    /// <summary>Keys, titles and units are trimmed (as the API trims them); blank means absent.</summary>
    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    /// <summary>Free text is kept exactly as written (as the API keeps it); only empty means absent.</summary>
    private static string? FreeText(string? value) => string.IsNullOrEmpty(value) ? null : value;

}
