using NpgsqlTypes;

namespace Okr.Api.Features.Imports;

/// <summary>
/// Objectives, key results and check-ins: staged with binary COPY, resolved and checked against the organisation in a
/// few set-based statements, then merged. Nothing here goes row by row.
/// </summary>
internal sealed class OkrMerge(ImportSql sql)
{
    // Ids as Okr writes them (lower case): one spelling per id, so two keys can never match the same row.
    private const string Uuid = "'^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'";

    /// <summary>
    /// Sets <paramref name="column"/> of the staging rows whose <paramref name="key"/> names an existing row of
    /// <paramref name="table"/>: by externalId, or (for rows created in Okr without one) by id. Two joins, no row-by-row lookups.
    /// </summary>
    private static string MatchExisting(string staging, string column, string key, string table) => $"""
        UPDATE {staging} s SET {column} = e.id FROM {table} e WHERE s.{column} IS NULL AND s.{key} IS NOT NULL AND e.external_id = s.{key};
        UPDATE {staging} s SET {column} = e.id FROM {table} e
        WHERE s.{column} IS NULL AND s.{key} ~ {Uuid} AND e.external_id IS NULL AND e.id = (CASE WHEN s.{key} ~ {Uuid} THEN s.{key} END)::uuid;
        """;

    public Task CreateStagingAsync(CancellationToken ct) => sql.ExecuteAsync("""
        CREATE TEMP TABLE import_stage (
            kind "char" NOT NULL, row_no int, path text, seq bigint NOT NULL, id uuid NOT NULL, external_id text NOT NULL, refers_to text,
            title text, description text, period text, team text, person text, weight numeric, progress_from text, aligned_share numeric, state text, final_score numeric,
            closing_comment text, type text, direction text, baseline numeric, target numeric, unit text, currency text, cadence int,
            value numeric, confidence int, note text, measured_at timestamptz, has_errors boolean NOT NULL
        ) ON COMMIT DROP
        """, ct);

    /// <summary>Appends parsed rows to the staging table with one binary COPY.</summary>
    public async Task StageAsync(List<StageRow> rows, CancellationToken ct)
    {
        if (rows.Count == 0) return;
        await using var copy = await sql.Connection.BeginBinaryImportAsync("""
            COPY import_stage (kind, row_no, path, seq, id, external_id, refers_to, title, description, period, team, person, weight, progress_from, aligned_share, state, final_score,
                closing_comment, type, direction, baseline, target, unit, currency, cadence, value, confidence, note, measured_at, has_errors)
            FROM STDIN (FORMAT BINARY)
            """, ct);
        copy.Timeout = TimeSpan.FromMinutes(10);
        foreach (var r in rows)
        {
            await copy.StartRowAsync(ct);
            await copy.WriteAsync(r.Kind, NpgsqlDbType.InternalChar, ct);
            await Write(r.At.Row, NpgsqlDbType.Integer);
            await Write(r.At.Path, NpgsqlDbType.Text);
            await copy.WriteAsync(r.Seq, NpgsqlDbType.Bigint, ct);
            await copy.WriteAsync(r.Id, NpgsqlDbType.Uuid, ct);
            await copy.WriteAsync(r.ExternalId, NpgsqlDbType.Text, ct);
            await Write(r.RefersTo, NpgsqlDbType.Text);
            await Write(r.Title, NpgsqlDbType.Text);
            await Write(r.Description, NpgsqlDbType.Text);
            await Write(r.Period, NpgsqlDbType.Text);
            await Write(r.Team, NpgsqlDbType.Text);
            await Write(r.Person, NpgsqlDbType.Text);
            await Write(r.Weight, NpgsqlDbType.Numeric);
            await Write(r.ProgressFrom, NpgsqlDbType.Text);
            await Write(r.AlignedShare, NpgsqlDbType.Numeric);
            await Write(r.State, NpgsqlDbType.Text);
            await Write(r.FinalScore, NpgsqlDbType.Numeric);
            await Write(r.ClosingComment, NpgsqlDbType.Text);
            await Write(r.Type, NpgsqlDbType.Text);
            await Write(r.Direction, NpgsqlDbType.Text);
            await Write(r.Baseline, NpgsqlDbType.Numeric);
            await Write(r.Target, NpgsqlDbType.Numeric);
            await Write(r.Unit, NpgsqlDbType.Text);
            await Write(r.Currency, NpgsqlDbType.Text);
            await Write(r.Cadence, NpgsqlDbType.Integer);
            await Write(r.Value, NpgsqlDbType.Numeric);
            await Write(r.Confidence, NpgsqlDbType.Integer);
            await Write(r.Note, NpgsqlDbType.Text);
            await Write(r.MeasuredAt, NpgsqlDbType.TimestampTz);
            await copy.WriteAsync(r.HasErrors, NpgsqlDbType.Boolean, ct);
        }

        await copy.CompleteAsync(ct);

        Task Write<T>(T? value, NpgsqlDbType type) => value is null ? copy.WriteNullAsync(ct) : copy.WriteAsync(value, type, ct);
    }

    /// <summary>Resolves natural keys to ids: existing rows, rows of this import, periods, teams and people.</summary>
    public async Task ResolveAsync(CancellationToken ct)
    {
        await sql.ExecuteAsync($"""
            ANALYZE import_stage;

            CREATE TEMP TABLE t_anc ON COMMIT DROP AS
            WITH RECURSIVE up(anc, des, depth) AS (
                SELECT parent_id, id, 1 FROM teams WHERE parent_id IS NOT NULL
                UNION ALL
                SELECT t.parent_id, up.des, up.depth + 1 FROM up JOIN teams t ON t.id = up.anc WHERE t.parent_id IS NOT NULL AND up.depth < 64
            )
            SELECT anc, des FROM up;

            -- Every team below a moved one has moved too (where it was in the file: the moved team's place).
            CREATE TEMP TABLE moved_teams ON COMMIT DROP AS
            SELECT DISTINCT ON (id) id, row_no, path FROM (
                SELECT id, row_no, path FROM moved_team_roots
                UNION ALL
                SELECT a.des, m.row_no, m.path FROM t_anc a JOIN moved_team_roots m ON m.id = a.anc) x;

            CREATE TEMP TABLE staged_objectives ON COMMIT DROP AS
            SELECT DISTINCT ON (s.external_id) s.seq, s.row_no, s.path, s.has_errors, s.external_id, s.refers_to, s.period AS period_label, s.team AS team_slug,
                   s.person AS owner_email, s.id, false AS existing, s.title, s.description, p.id AS period_id, t.id AS team_id,
                   u.id AS owner_id, NULL::uuid AS parent_id, NULL::uuid AS existing_id, NULL::boolean AS changed, s.weight, s.progress_from, s.aligned_share, s.state, s.final_score, s.closing_comment,
                   CASE WHEN s.person IS NOT NULL THEN 2 WHEN t.parent_id IS NULL THEN 0 ELSE 1 END AS rank
            FROM import_stage s
            LEFT JOIN periods p ON p.label = s.period
            LEFT JOIN teams t ON t.slug = s.team
            LEFT JOIN users u ON u.email = s.person
            WHERE s.kind = 'o'
            ORDER BY s.external_id, s.seq;
            CREATE UNIQUE INDEX ON staged_objectives (external_id);

            ANALYZE staged_objectives;
            {MatchExisting("staged_objectives", "existing_id", "external_id", "objectives")}
            UPDATE staged_objectives SET id = existing_id, existing = true WHERE existing_id IS NOT NULL;
            CREATE UNIQUE INDEX ON staged_objectives (id);
            -- Free text the app stored as '' reads back from a file as absent: the same, so not a change.
            UPDATE staged_objectives s SET description = o.description FROM objectives o
            WHERE s.existing AND o.id = s.id AND s.description IS DISTINCT FROM o.description AND coalesce(s.description, '') = coalesce(o.description, '');
            UPDATE staged_objectives s SET closing_comment = o.closing_comment FROM objectives o
            WHERE s.existing AND o.id = s.id AND s.closing_comment IS DISTINCT FROM o.closing_comment AND coalesce(s.closing_comment, '') = coalesce(o.closing_comment, '');

            UPDATE staged_objectives c SET parent_id = p.id FROM staged_objectives p WHERE c.refers_to IS NOT NULL AND p.external_id = c.refers_to;
            {MatchExisting("staged_objectives", "parent_id", "refers_to", "objectives")}
            -- What can change an alignment: a new objective, a new parent, team, owner, period or state, or a team that moved.
            UPDATE staged_objectives s SET changed = NOT s.existing
                OR s.team_id IN (SELECT id FROM moved_teams)
                OR EXISTS (SELECT 1 FROM objectives o WHERE o.id = s.id
                           AND (o.parent_id, o.team_id, o.owner_id, o.period_id, o.state) IS DISTINCT FROM (s.parent_id, s.team_id, s.owner_id, s.period_id, s.state));
            ANALYZE staged_objectives;

            CREATE TEMP TABLE staged_key_results ON COMMIT DROP AS
            SELECT DISTINCT ON (s.external_id) s.seq, s.row_no, s.path, s.has_errors, s.external_id, s.refers_to AS objective_external_id, s.person AS owner_email,
                   s.id, false AS existing, NULL::uuid AS objective_id, s.title, s.type, s.direction, s.baseline, s.target, s.unit,
                   s.currency AS currency_code, s.weight, u.id AS owner_id, s.cadence AS cadence_days, NULL::uuid AS existing_id
            FROM import_stage s
            LEFT JOIN users u ON u.email = s.person
            WHERE s.kind = 'k'
            ORDER BY s.external_id, s.seq;
            CREATE UNIQUE INDEX ON staged_key_results (external_id);

            ANALYZE staged_key_results;
            {MatchExisting("staged_key_results", "existing_id", "external_id", "key_results")}
            UPDATE staged_key_results SET id = existing_id, existing = true WHERE existing_id IS NOT NULL;
            CREATE UNIQUE INDEX ON staged_key_results (id);

            UPDATE staged_key_results c SET objective_id = p.id FROM staged_objectives p WHERE p.external_id = c.objective_external_id;
            {MatchExisting("staged_key_results", "objective_id", "objective_external_id", "objectives")}
            ANALYZE staged_key_results;

            CREATE TEMP TABLE staged_check_ins ON COMMIT DROP AS
            SELECT s.seq, s.row_no, s.path, s.external_id AS key_result_external_id, s.person AS author_email, s.id, NULL::uuid AS key_result_id,
                   s.value, s.confidence, s.note, s.measured_at, u.id AS author_id, false AS existing, false AS dup
            FROM import_stage s
            LEFT JOIN users u ON u.email = s.person
            WHERE s.kind = 'c';

            UPDATE staged_check_ins c SET key_result_id = k.id FROM staged_key_results k WHERE k.external_id = c.key_result_external_id;
            {MatchExisting("staged_check_ins", "key_result_id", "key_result_external_id", "key_results")}
            CREATE INDEX ON staged_check_ins (key_result_id, measured_at);

            UPDATE staged_check_ins c SET dup = true
            FROM (SELECT seq, row_number() OVER (PARTITION BY key_result_id, measured_at ORDER BY seq) AS n FROM staged_check_ins WHERE key_result_id IS NOT NULL) d
            WHERE d.seq = c.seq AND d.n > 1;

            UPDATE staged_check_ins c SET existing = true
            WHERE EXISTS (SELECT 1 FROM check_ins e WHERE e.key_result_id = c.key_result_id AND e.measured_at = c.measured_at
                          AND e.value = c.value AND e.confidence = c.confidence
                          -- notes are kept trimmed (CheckIn.CleanNote); older imports kept the spaces around them
                          AND coalesce(btrim(e.note, E' \t\r\n'), '') = coalesce(c.note, ''));
            ANALYZE staged_check_ins;
            """, ct);
    }

    /// <summary>Every reference that does not resolve, and the rules that need the rows in Okr (duplicates, check-in history).</summary>
    public Task CheckAsync(ImportErrorList errors, Func<char, string, string> fieldName, CancellationToken ct) => sql.CollectErrorsAsync("""
        SELECT s.row_no, s.path, 'o'::"char", 'externalId', format('The objective ''%s'' appears again with different values (first at %s).', s.external_id, coalesce('row ' || f.row_no, f.path))
        FROM import_stage s JOIN staged_objectives f ON f.external_id = s.external_id
        WHERE s.kind = 'o' AND s.seq <> f.seq
          AND (s.title, coalesce(s.description, ''), s.period, s.team, s.person, s.refers_to, s.weight, s.state, s.final_score, coalesce(s.closing_comment, ''), s.has_errors)
              IS DISTINCT FROM (f.title, coalesce(f.description, ''), f.period_label, f.team_slug, f.owner_email, f.refers_to, f.weight, f.state, f.final_score, coalesce(f.closing_comment, ''), f.has_errors)
        UNION ALL
        SELECT row_no, path, 'o', 'period', format('The period ''%s'' does not exist (in Okr or in this import).', period_label)
        FROM staged_objectives WHERE NOT has_errors AND period_id IS NULL
        UNION ALL
        SELECT row_no, path, 'o', 'team', format('The team ''%s'' does not exist (in Okr or in this import).', team_slug)
        FROM staged_objectives WHERE NOT has_errors AND team_id IS NULL
        UNION ALL
        SELECT row_no, path, 'o', 'owner', format('Nobody with the email ''%s'' exists (in Okr or in this import).', owner_email)
        FROM staged_objectives WHERE NOT has_errors AND owner_email IS NOT NULL AND owner_id IS NULL
        UNION ALL
        SELECT row_no, path, 'o', 'parent', format('No objective has the externalId ''%s'' (in Okr or in this import).', refers_to)
        FROM staged_objectives WHERE NOT has_errors AND refers_to IS NOT NULL AND parent_id IS NULL
        -- The alignment rules run in C# over the resolved rows (Checking/AlignmentCheck.cs), and so do the rules of a key
        -- result's type and its check-ins' values (Checking/DefinitionCheck.cs).
        UNION ALL
        SELECT s.row_no, s.path, 'k', 'externalId', format('The key result ''%s'' appears again with different values (first at %s).', s.external_id, coalesce('row ' || f.row_no, f.path))
        FROM import_stage s JOIN staged_key_results f ON f.external_id = s.external_id
        WHERE s.kind = 'k' AND s.seq <> f.seq
          AND (s.refers_to, s.title, s.type, s.direction, s.baseline, s.target, s.unit, s.currency, s.weight, s.person, s.cadence, s.has_errors)
              IS DISTINCT FROM (f.objective_external_id, f.title, f.type, f.direction, f.baseline, f.target, f.unit, f.currency_code, f.weight, f.owner_email, f.cadence_days, f.has_errors)
        UNION ALL
        SELECT row_no, path, 'k', 'objective', format('No objective has the externalId ''%s'' (in Okr or in this import).', objective_external_id)
        FROM staged_key_results WHERE NOT has_errors AND objective_external_id IS NOT NULL AND objective_id IS NULL
        UNION ALL
        SELECT row_no, path, 'k', 'owner', format('Nobody with the email ''%s'' exists (in Okr or in this import).', owner_email)
        FROM staged_key_results WHERE NOT has_errors AND owner_email IS NOT NULL AND owner_id IS NULL
        UNION ALL
        SELECT row_no, path, 'c', 'keyResult', format('No key result has the externalId ''%s'' (in Okr or in this import).', key_result_external_id)
        FROM staged_check_ins WHERE key_result_id IS NULL
        UNION ALL
        SELECT row_no, path, 'c', 'author', format('Nobody with the email ''%s'' exists (in Okr or in this import).', author_email)
        FROM staged_check_ins WHERE author_email IS NOT NULL AND author_id IS NULL
        UNION ALL
        SELECT c.row_no, c.path, 'c', 'measuredAt', format('The key result ''%s'' has two different check-ins at %s in this import (first at %s).',
                    c.key_result_external_id, to_char(c.measured_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'), coalesce('row ' || f.row_no, f.path))
        FROM staged_check_ins c JOIN staged_check_ins f ON f.key_result_id = c.key_result_id AND f.measured_at = c.measured_at AND NOT f.dup
        WHERE c.dup AND (c.value, c.confidence, c.note) IS DISTINCT FROM (f.value, f.confidence, f.note)
        UNION ALL
        SELECT c.row_no, c.path, 'c', 'value', format('The key result ''%s'' already has a check-in at %s with value %s. Check-ins are history and never change; add one with another measuredAt.',
                    c.key_result_external_id, to_char(c.measured_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'), e.value)
        FROM staged_check_ins c JOIN LATERAL (SELECT value FROM check_ins e WHERE e.key_result_id = c.key_result_id AND e.measured_at = c.measured_at LIMIT 1) e ON true
        WHERE NOT c.existing AND NOT c.dup
        """, errors, fieldName, ct);

    /// <summary>Writes the merge: objectives, key results, check-ins, then each touched key result's current value.</summary>
    public async Task ApplyAsync(ImportCounts counts, CancellationToken ct)
    {
        counts.Objectives = await sql.UpsertAsync(new UpsertSpec(sql.Objectives, "staged_objectives",
        [
            "title", "description", "period_id", "team_id", "owner_id", "parent_id", "weight", "progress_from", "aligned_share", "state", "final_score", "closing_comment",
        ], ObjectiveColumn: "id", InsertOnly: [("external_id", "s.external_id")]), ct);

        counts.KeyResults = await sql.UpsertAsync(new UpsertSpec(sql.KeyResults, "staged_key_results",
        [
            "objective_id", "title", "type", "direction", "baseline", "target", "unit", "currency_code", "weight", "owner_id", "cadence_days",
        ],
        ObjectiveColumn: "objective_id",
        // A new key result starts at its latest imported check-in, or at its baseline.
        InsertOnly: [("external_id", "s.external_id"), ("current_value", "coalesce(l.value, s.baseline)"), ("confidence", "l.confidence"), ("last_check_in_at", "l.measured_at"), ("last_check_in_note", "l.note")],
        InsertJoin: """
            LEFT JOIN (SELECT DISTINCT ON (key_result_id) key_result_id, value, confidence, measured_at, note FROM staged_check_ins
                       WHERE NOT dup ORDER BY key_result_id, measured_at DESC, seq DESC) l ON l.key_result_id = s.id
            """), ct);

        var created = await sql.InsertAsync(sql.CheckIns, """
            INSERT INTO check_ins (id, key_result_id, value, confidence, note, measured_at, author_id, api_client_id, source, created_at)
            SELECT id, key_result_id, value, confidence, note, measured_at, author_id, @client, 'import', @now
            FROM staged_check_ins WHERE NOT existing AND NOT dup
            """, "(SELECT k.objective_id FROM key_results k WHERE k.id = n.key_result_id)", ct);
        counts.CheckIns = new EntityCounts(created, 0, await sql.CountAsync("SELECT count(*) FROM staged_check_ins", ct) - created);

        // An existing key result stands at its latest check-in, or at its baseline until it has one (new ones were inserted so).
        await sql.UpdateAsync(sql.KeyResults, """
            UPDATE key_results t
            SET current_value = coalesce(l.value, t.baseline), confidence = l.confidence, last_check_in_at = l.measured_at, last_check_in_note = l.note,
                modified_at = @now, modified_by = @actor
            FROM (SELECT a.id, c.value, c.confidence, c.measured_at, c.note
                  FROM (SELECT id FROM staged_key_results WHERE existing
                        UNION
                        SELECT key_result_id FROM staged_check_ins c WHERE NOT c.existing AND NOT c.dup AND NOT EXISTS (SELECT 1 FROM staged_key_results n WHERE n.id = c.key_result_id AND NOT n.existing)) a
                  LEFT JOIN LATERAL (SELECT value, confidence, measured_at, note FROM check_ins
                                     WHERE key_result_id = a.id ORDER BY measured_at DESC, created_at DESC LIMIT 1) c ON true) l
            JOIN key_results o ON o.id = l.id
            WHERE t.id = l.id
              AND (t.current_value, t.confidence, t.last_check_in_at, t.last_check_in_note) IS DISTINCT FROM (coalesce(l.value, t.baseline), l.confidence, l.measured_at, l.note)
            """, "t.objective_id", ct);
    }
}
