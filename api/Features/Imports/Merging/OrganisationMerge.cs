using NpgsqlTypes;
using Okr.Api.Domain;
using Okr.Api.Infrastructure.Persistence;

namespace Okr.Api.Features.Imports;

/// <summary>
/// Teams, people, memberships and periods: as many as the organisation has (not as many as the file has rows), so
/// they are checked here against what exists, then written set-based through the same staged upsert as the OKRs.
/// </summary>
internal sealed class OrganisationMerge(ImportSql sql, ImportSink sink, ImportActor actor)
{
    private readonly Dictionary<string, (Guid Id, Guid? ParentId, bool Archived)> _teams = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (Guid Id, OrgRole Role, bool Active)> _users = new(StringComparer.Ordinal);

    /// <summary>Display names as Okr has them (an API client may not change an admin's).</summary>
    private readonly Dictionary<Guid, string> _names = [];

    /// <summary>Reporting lines (person → manager), as Okr has them and then as the file leaves them.</summary>
    private readonly Dictionary<Guid, Guid?> _managers = [];

    /// <summary>People whose role or active flag the import changes: a security event that ends their sessions (User.EndSessions).</summary>
    public List<Guid> SessionsEnded { get; } = [];
    private readonly Dictionary<string, (Guid Id, PeriodState State)> _periods = new(StringComparer.Ordinal);

    private ImportErrorList Errors => sink.Errors;

    public async Task ApplyAsync(ImportCounts counts, CancellationToken ct)
    {
        await LoadAsync(ct);
        counts.Teams = await TeamsAsync(ct);
        counts.Users = await UsersAsync(counts, ct);
        counts.Periods = await PeriodsAsync(ct);
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        await using (var command = sql.Command("SELECT slug, id, parent_id, archived FROM teams"))
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct)) _teams[reader.GetString(0)] = (reader.GetGuid(1), reader.IsDBNull(2) ? null : reader.GetGuid(2), reader.GetBoolean(3));
        }

        await using (var command = sql.Command("SELECT email, id, role, active, manager_id, display_name FROM users"))
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                _users[reader.GetString(0)] = (reader.GetGuid(1), SnakeCaseNames<OrgRole>.ToValue[reader.GetString(2)], reader.GetBoolean(3));
                _managers[reader.GetGuid(1)] = reader.IsDBNull(4) ? null : reader.GetGuid(4);
                _names[reader.GetGuid(1)] = reader.GetString(5);
            }
        }

        await using (var command = sql.Command("SELECT label, id, state FROM periods"))
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct)) _periods[reader.GetString(0)] = (reader.GetGuid(1), SnakeCaseNames<PeriodState>.ToValue[reader.GetString(2)]);
        }
    }

    private async Task<EntityCounts> TeamsAsync(CancellationToken ct)
    {
        var rows = new Dictionary<string, (ImportLocation At, ImportTeam Team, Guid Id, bool Existing)>(StringComparer.Ordinal);
        foreach (var (at, team) in sink.Teams)
        {
            if (!sink.Check(at, team)) continue;
            var slug = team.Slug.Trim();
            if (rows.TryGetValue(slug, out var first))
            {
                if (first.Team != team) Errors.Add(at, "slug", $"The team '{slug}' appears again with different values (first at {first.At}).");
                continue;
            }

            var existing = _teams.TryGetValue(slug, out var known);
            rows[slug] = (at, team, existing ? known.Id : Guid.CreateVersion7(), existing);
        }

        // The merged tree: what exists, with the file's teams placed where the file says. The company stays the
        // company: an import does not move it or add a second team without a parent.
        Guid? company = _teams.Values.Where(t => t.ParentId is null).Select(t => (Guid?)t.Id).FirstOrDefault();
        var companySlug = _teams.FirstOrDefault(t => t.Value.ParentId is null).Key;
        var parents = _teams.Values.ToDictionary(t => t.Id, t => t.ParentId);
        var resolved = new List<(Guid Id, bool Existing, string Name, string Slug, Guid? ParentId, bool Archived)>();
        var bad = new HashSet<Guid>();
        foreach (var (slug, (at, team, id, existing)) in rows)
        {
            Guid? parentId = null;
            var parent = team.Parent?.Trim();
            if (!string.IsNullOrEmpty(parent))
            {
                if (rows.TryGetValue(parent, out var inFile)) parentId = inFile.Id;
                else if (_teams.TryGetValue(parent, out var known)) parentId = known.Id;
                else
                {
                    Errors.Add(at, "parent", $"The team '{parent}' does not exist (in Okr or in this import).");
                    bad.Add(id);
                }
            }

            if (!bad.Contains(id))
            {
                if (id == company && parentId is not null)
                {
                    Errors.Add(at, "parent", TeamTree.CompanyStaysAtRoot);
                    bad.Add(id);
                }
                else if (parentId is null && company is not null && id != company)
                {
                    Errors.Add(at, "parent", $"{TeamTree.OneCompany} (The company is '{companySlug}'.)");
                    bad.Add(id);
                }
                else if (parentId is null)
                {
                    (company, companySlug) = (id, slug); // the first team of an empty organisation becomes the company
                }
            }

            resolved.Add((id, existing, team.Name.Trim(), slug, parentId, team.Archived ?? (existing && _teams[slug].Archived)));
            parents[id] = parentId;
        }

        if (company is null && resolved.Count > 0)
        {
            Errors.Add(rows[resolved[0].Slug].At, "parent", "One team must be the company: the only team without a parent.");
            company = resolved[0].Id;
            bad.Add(company.Value);
        }

        foreach (var team in resolved.Where(t => !bad.Contains(t.Id) && t.ParentId is { } parent && TeamTree.WouldLoop(t.Id, parent, parents)))
        {
            Errors.Add(rows[team.Slug].At, "parent", TeamTree.NoLoop);
            bad.Add(team.Id);
        }

        // The tree as the import leaves it is at most Limits.MaxTeamDepth levels deep: each file team placed deeper is refused
        // (one pass with remembered depths, so even a file of thousands of nested teams is checked in linear time).
        var depths = Chains.Depths(parents);
        foreach (var team in resolved.Where(t => !bad.Contains(t.Id)))
        {
            if (TeamTree.DepthProblem(depths[team.Id]) is not { } problem) continue;
            Errors.Add(rows[team.Slug].At, "parent", problem);
            bad.Add(team.Id);
        }

        // A team in Okr that the file does not name goes deeper with every ancestor the file moves down: blamed on the
        // row of the nearest such ancestor. The tree in Okr is at most Limits.MaxTeamDepth deep, so that row is at most
        // as many levels up.
        var named = resolved.ToDictionary(t => t.Id, t => t.Slug);
        var slugOf = _teams.ToDictionary(t => t.Value.Id, t => t.Key);
        foreach (var (id, depth) in depths)
        {
            if (named.ContainsKey(id) || TeamTree.DepthProblem(depth) is not { } problem) continue;
            var ancestor = parents.GetValueOrDefault(id);
            for (var step = 0; ancestor is { } up && !named.ContainsKey(up) && step < Limits.MaxTeamDepth; step++) ancestor = parents.GetValueOrDefault(up);
            if (ancestor is not { } moved || !named.TryGetValue(moved, out var movedSlug) || !bad.Add(moved)) continue;
            Errors.Add(rows[movedSlug].At, "parent", $"{problem} (Its team '{slugOf.GetValueOrDefault(id)}' in Okr would be that deep.)");
        }

        // No active team under an archived one, as the tree stands after the import (Team.UnderArchivedProblem): blamed on
        // the file's row that places the team there, or on the row that archives the parent of a team the file leaves alone.
        var archived = _teams.Values.ToDictionary(t => t.Id, t => t.Archived);
        foreach (var team in resolved) archived[team.Id] = team.Archived;
        var rowOf = resolved.ToDictionary(t => t.Id, t => rows[t.Slug].At);
        foreach (var (id, parentId) in parents)
        {
            if (parentId is not { } parent || bad.Contains(id) || bad.Contains(parent)) continue;
            if (Team.UnderArchivedProblem(archived[id], archived.GetValueOrDefault(parent)) is not { } problem) continue;
            if (rowOf.TryGetValue(id, out var at)) Errors.Add(at, "parent", problem);
            else if (rowOf.TryGetValue(parent, out var archiving)) Errors.Add(archiving, "archived", problem);
        }

        // Teams in error are staged under the company (the company at the top), so that the rest of the file can
        // still be checked against them; nothing is written anyway.
        for (var i = 0; i < resolved.Count; i++)
        {
            if (bad.Contains(resolved[i].Id)) resolved[i] = resolved[i] with { ParentId = resolved[i].Id == company ? null : company };
        }

        await sql.ExecuteAsync("""
            CREATE TEMP TABLE staged_teams (id uuid, existing boolean, name text, slug text, parent_id uuid, archived boolean, row_no int, path text) ON COMMIT DROP;
            INSERT INTO staged_teams SELECT * FROM unnest(@id, @existing, @name, @slug, @parent_id, @archived, @row_no, @path);

            -- Teams the import moves, before it moves them: the alignments below them are checked again later.
            CREATE TEMP TABLE moved_team_roots ON COMMIT DROP AS
            SELECT s.id, s.row_no, s.path FROM staged_teams s JOIN teams t ON t.id = s.id WHERE s.existing AND t.parent_id IS DISTINCT FROM s.parent_id;
            """, ct,
            ImportSql.Array("id", resolved.Select(r => r.Id), NpgsqlDbType.Uuid),
            ImportSql.Array("existing", resolved.Select(r => r.Existing), NpgsqlDbType.Boolean),
            ImportSql.Array("name", resolved.Select(r => r.Name), NpgsqlDbType.Text),
            ImportSql.Array("slug", resolved.Select(r => r.Slug), NpgsqlDbType.Text),
            ImportSql.Array("parent_id", resolved.Select(r => r.ParentId), NpgsqlDbType.Uuid),
            ImportSql.Array("archived", resolved.Select(r => r.Archived), NpgsqlDbType.Boolean),
            ImportSql.Array("row_no", resolved.Select(r => rows[r.Slug].At.Row), NpgsqlDbType.Integer),
            ImportSql.Array("path", resolved.Select(r => rows[r.Slug].At.Path), NpgsqlDbType.Text));

        var counts = await sql.UpsertAsync(new UpsertSpec(sql.Teams, "staged_teams", ["name", "slug", "parent_id", "archived"]), ct);
        foreach (var team in resolved) _teams[team.Slug] = (team.Id, team.ParentId, team.Archived);
        return counts;
    }

    private async Task<EntityCounts> UsersAsync(ImportCounts counts, CancellationToken ct)
    {
        var rows = new Dictionary<string, (ImportLocation At, ImportUser User, Guid Id, bool Existing)>(StringComparer.Ordinal);
        foreach (var (at, user) in sink.Users)
        {
            if (!sink.Check(at, user)) continue;
            var email = User.NormaliseEmail(user.Email);
            if (rows.TryGetValue(email, out var first))
            {
                Errors.Add(at, "email", $"{email} appears again (first at {first.At}).");
                continue;
            }

            var existing = _users.TryGetValue(email, out var known);
            rows[email] = (at, user, existing ? known.Id : Guid.CreateVersion7(), existing);
        }

        var resolved = new List<(Guid Id, bool Existing, string Email, string Name, string Role, Guid? ManagerId, bool Active)>();
        var memberships = new List<(Guid TeamId, Guid UserId, string Role)>();
        foreach (var (email, (at, user, id, existing)) in rows)
        {
            Guid? managerId = null;
            if (user.Manager is { } manager && !string.IsNullOrWhiteSpace(manager))
            {
                var managerEmail = User.NormaliseEmail(manager);
                if (rows.TryGetValue(managerEmail, out var inFile)) managerId = inFile.Id;
                else if (_users.TryGetValue(managerEmail, out var known)) managerId = known.Id;
                else Errors.Add(at, "manager", $"Nobody with the email '{managerEmail}' exists (in Okr or in this import).");
            }

            foreach (var (membership, i) in (user.Teams ?? []).Select((m, i) => (m, i)))
            {
                var slug = membership.Team.Trim();
                Guid? teamId = _teams.TryGetValue(slug, out var team) ? team.Id : null;
                if (teamId is null) Errors.Add(at, $"teams[{i}].team", $"The team '{slug}' does not exist (in Okr or in this import).");
                else memberships.Add((teamId.Value, id, SnakeCaseNames<TeamRole>.ToName[membership.Role ?? TeamRole.Member]));
            }

            // Left out, a person's role and active flag stay as they are (new people: member, active).
            var before = existing ? _users[email] : (Id: id, Role: OrgRole.Member, Active: true);
            var role = user.Role ?? before.Role;
            var active = user.Active ?? before.Active;
            if (actor.IsClient && (role != before.Role || active != before.Active) && (role == OrgRole.Admin || before.Role == OrgRole.Admin))
            {
                // An integration must not be able to hand out or take away the keys of the organisation.
                Errors.Add(at, "role", "Only an admin may make someone an admin, or change or deactivate an admin; an API client may not.");
                (role, active) = (before.Role, before.Active);
            }
            else if (actor.IsClient && existing && before.Role == OrgRole.Admin
                     && (user.DisplayName.Trim() != _names[id] || managerId != _managers.GetValueOrDefault(id)))
            {
                // The same protection as PATCH /users/{id}: an admin's account is for admins to change.
                Errors.Add(at, user.DisplayName.Trim() != _names[id] ? "displayName" : "manager", "Only an admin may change an admin's account; an API client may not.");
            }

            if (existing && (role != before.Role || active != before.Active)) SessionsEnded.Add(id);
            resolved.Add((id, existing, email, user.DisplayName.Trim(), SnakeCaseNames<OrgRole>.ToName[role], managerId, active));
        }

        // Reporting lines as the file leaves them never loop (the same rule as PATCH /users/{id}).
        foreach (var person in resolved) _managers[person.Id] = person.ManagerId;
        foreach (var person in resolved.Where(p => p.ManagerId is not null))
        {
            if (User.ReportingLineProblem(person.Id, person.ManagerId!.Value, _managers) is { } problem) Errors.Add(rows[person.Email].At, "manager", problem);
        }

        await sql.ExecuteAsync("""
            CREATE TEMP TABLE staged_users (id uuid, existing boolean, email text, display_name text, role text, manager_id uuid, active boolean) ON COMMIT DROP;
            INSERT INTO staged_users SELECT * FROM unnest(@id, @existing, @email, @display_name, @role, @manager_id, @active);
            """, ct,
            ImportSql.Array("id", resolved.Select(r => r.Id), NpgsqlDbType.Uuid),
            ImportSql.Array("existing", resolved.Select(r => r.Existing), NpgsqlDbType.Boolean),
            ImportSql.Array("email", resolved.Select(r => r.Email), NpgsqlDbType.Text),
            ImportSql.Array("display_name", resolved.Select(r => r.Name), NpgsqlDbType.Text),
            ImportSql.Array("role", resolved.Select(r => r.Role), NpgsqlDbType.Text),
            ImportSql.Array("manager_id", resolved.Select(r => r.ManagerId), NpgsqlDbType.Uuid),
            ImportSql.Array("active", resolved.Select(r => r.Active), NpgsqlDbType.Boolean));

        // A new role or a deactivation is a security event, as in the API: the person's sessions end (User.EndSessions),
        // refresh tokens and access tokens alike.
        await sql.ExecuteAsync("""
            UPDATE refresh_tokens r SET revoked_at = @now
            WHERE r.revoked_at IS NULL AND r.user_id = ANY(@ended)
            """, ct, ImportSql.Array("ended", SessionsEnded, NpgsqlDbType.Uuid));

        // Imported people have no password: they come in as invited (an admin sends their invitation from the pending
        // list), or sign in through the identity provider.
        var users = await sql.UpsertAsync(new UpsertSpec(sql.Users, "staged_users", ["email", "display_name", "role", "manager_id", "active"],
            InsertOnly: [("password_hash", "''"), ("failed_sign_ins", "0"), ("invited", "true")],
            UpdateAlso: "session_version = t.session_version + CASE WHEN (t.role, t.active) IS DISTINCT FROM (s.role, s.active) THEN 1 ELSE 0 END"), ct);

        counts.Memberships = await MembershipsAsync(memberships, ct);
        return users;
    }

    private async Task<EntityCounts> MembershipsAsync(List<(Guid TeamId, Guid UserId, string Role)> memberships, CancellationToken ct)
    {
        var distinct = memberships.DistinctBy(m => (m.TeamId, m.UserId)).ToList();
        await sql.ExecuteAsync("""
            CREATE TEMP TABLE staged_memberships (team_id uuid, user_id uuid, role text, old_role text) ON COMMIT DROP;
            INSERT INTO staged_memberships
            SELECT s.team_id, s.user_id, s.role, m.role FROM unnest(@team_id, @user_id, @role) AS s(team_id, user_id, role)
            LEFT JOIN team_memberships m ON m.team_id = s.team_id AND m.user_id = s.user_id;
            """, ct,
            ImportSql.Array("team_id", distinct.Select(m => m.TeamId), NpgsqlDbType.Uuid),
            ImportSql.Array("user_id", distinct.Select(m => m.UserId), NpgsqlDbType.Uuid),
            ImportSql.Array("role", distinct.Select(m => m.Role), NpgsqlDbType.Text));
        var created = await sql.InsertAsync(sql.Memberships,
            "INSERT INTO team_memberships (team_id, user_id, role) SELECT team_id, user_id, role FROM staged_memberships WHERE old_role IS NULL", "NULL::uuid", ct);
        var updated = await sql.UpdateAsync(sql.Memberships, """
            UPDATE team_memberships t SET role = s.role
            FROM staged_memberships s JOIN team_memberships o ON o.team_id = s.team_id AND o.user_id = s.user_id
            WHERE t.team_id = s.team_id AND t.user_id = s.user_id AND s.old_role IS NOT NULL AND s.old_role <> s.role
            """, "NULL::uuid", ct);
        return new EntityCounts(created, updated, distinct.Count - created - updated);
    }

    private async Task<EntityCounts> PeriodsAsync(CancellationToken ct)
    {
        var rows = new Dictionary<string, ImportLocation>(StringComparer.Ordinal);
        var resolved = new List<(Guid Id, bool Existing, string Label, DateOnly Start, DateOnly End, string State)>();
        foreach (var (at, period) in sink.Periods)
        {
            if (!sink.Check(at, period)) continue;
            var label = period.Label.Trim();
            if (!rows.TryAdd(label, at))
            {
                Errors.Add(at, "label", $"The period '{label}' appears again (first at {rows[label]}).");
                continue;
            }

            var existing = _periods.TryGetValue(label, out var known);
            var state = period.State ?? (existing ? known.State : PeriodState.Planning);
            if (existing && Period.MoveProblem(known.State, state) is { } problem)
            {
                Errors.Add(at, "state", problem);
                continue;
            }

            resolved.Add((existing ? known.Id : Guid.CreateVersion7(), existing, label, period.StartDate, period.EndDate, SnakeCaseNames<PeriodState>.ToName[state]));
        }

        await sql.ExecuteAsync("""
            CREATE TEMP TABLE staged_periods (id uuid, existing boolean, label text, start_date date, end_date date, state text) ON COMMIT DROP;
            INSERT INTO staged_periods SELECT * FROM unnest(@id, @existing, @label, @start_date, @end_date, @state);
            """, ct,
            ImportSql.Array("id", resolved.Select(r => r.Id), NpgsqlDbType.Uuid),
            ImportSql.Array("existing", resolved.Select(r => r.Existing), NpgsqlDbType.Boolean),
            ImportSql.Array("label", resolved.Select(r => r.Label), NpgsqlDbType.Text),
            ImportSql.Array("start_date", resolved.Select(r => r.Start), NpgsqlDbType.Date),
            ImportSql.Array("end_date", resolved.Select(r => r.End), NpgsqlDbType.Date),
            ImportSql.Array("state", resolved.Select(r => r.State), NpgsqlDbType.Text));
        return await sql.UpsertAsync(new UpsertSpec(sql.Periods, "staged_periods", ["label", "start_date", "end_date", "state"]), ct);
    }
}
