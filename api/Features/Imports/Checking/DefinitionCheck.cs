using Okr.Api.Domain;
using Okr.Api.Infrastructure.Persistence;

namespace Okr.Api.Features.Imports;

/// <summary>
/// The rules that need a key result as it stands in Okr, checked with the domain's code over the resolved rows: a key
/// result with check-ins keeps its type (<see cref="KeyResult.TypeChangeProblem"/>), and a check-in's value suits the
/// type of its key result, as the file leaves it (<see cref="KeyResult.ValueProblem"/>). SQL only reads the rows the
/// rules can apply to: key results whose type the file changes, and check-ins on milestones.
/// </summary>
internal sealed class DefinitionCheck(ImportSql sql)
{
    public async Task CheckAsync(ImportErrorList errors, Func<char, string, string> fieldName, CancellationToken ct)
    {
        await sql.ReadAsync("""
            SELECT k.row_no, k.path, e.type, k.type, e.last_check_in_at IS NOT NULL
            FROM staged_key_results k JOIN key_results e ON e.id = k.id
            WHERE k.existing AND NOT k.has_errors AND k.type <> e.type
            """, r =>
        {
            var problem = KeyResult.TypeChangeProblem(Type(r.GetString(2)), Type(r.GetString(3)), measured: r.GetBoolean(4));
            if (problem is not null) errors.Add(ImportSql.Location(r, 0), fieldName(StageRow.KeyResultKind, "type"), problem);
        }, ct);

        // The key result's type in the file, else (looked up only then) in Okr.
        await sql.ReadAsync("""
            SELECT c.row_no, c.path, c.value
            FROM staged_check_ins c LEFT JOIN staged_key_results k ON k.id = c.key_result_id
            WHERE coalesce(k.type, (SELECT e.type FROM key_results e WHERE e.id = c.key_result_id)) = 'milestone'
            """, r =>
        {
            if (KeyResult.ValueProblem(KeyResultType.Milestone, r.GetDecimal(2)) is { } problem)
            {
                errors.Add(ImportSql.Location(r, 0), fieldName(StageRow.CheckInKind, "value"), problem);
            }
        }, ct);
    }

    private static KeyResultType Type(string name) => SnakeCaseNames<KeyResultType>.ToValue[name];
}
