using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Npgsql;
using Okr.Api.Domain;
using Okr.Api.Tests.Infrastructure;

namespace Okr.Api.Tests.Api;

/// <summary>
/// Chains that people and imports write are walked without recursion and bounded: a chain far deeper than the limit,
/// written straight into the database, is read without bringing the API down; new chains beyond the documented limits
/// (Limits.MaxTeamDepth, Limits.MaxAlignmentDepth) are refused by the API and by the import, naming the rule.
/// </summary>
public sealed class DeepChainTests : OrganisationTest
{
    /// <summary>
    /// Writes a chain of <paramref name="length"/> company objectives, each aligned to the one before (ids from <paramref name="name"/>),
    /// with a key result at 50% at the bottom when <paramref name="withKeyResult"/>; returns the top and the bottom.
    /// </summary>
    private async Task<(Guid Top, Guid Bottom)> ChainInTheDatabaseAsync(int length, string name = "chain", bool withKeyResult = true)
    {
        await using var connection = new NpgsqlConnection(TestDatabase.ConnectionString);
        await connection.OpenAsync();
        var keyResult = withKeyResult
            ? """
              INSERT INTO key_results (id, objective_id, title, type, direction, baseline, target, current_value, unit, weight, cadence_days, created_at, modified_at)
              VALUES (gen_random_uuid(), md5(@name || @length)::uuid, 'At the bottom', 'metric', 'increase', 0, 10, 5, 'number', 1, 7, now(), now());
              """
            : "";
        await using var command = new NpgsqlCommand($"""
            INSERT INTO objectives (id, title, period_id, team_id, parent_id, weight, state, created_at, modified_at)
            SELECT md5(@name || i)::uuid, 'Link ' || i, @period, @team, CASE WHEN i > 1 THEN md5(@name || (i - 1))::uuid END, 1, 'active', now(), now()
            FROM generate_series(1, @length) AS i;
            {keyResult}
            SELECT md5(@name || 1)::uuid, md5(@name || @length)::uuid;
            """, connection);
        command.Parameters.AddWithValue("name", name);
        command.Parameters.AddWithValue("period", Org.PeriodId);
        command.Parameters.AddWithValue("team", Org.CompanyId);
        command.Parameters.AddWithValue("length", length);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetGuid(0), reader.GetGuid(1));
    }

    [Test]
    public async Task AChainOfTwentyThousandObjectivesIsReadAndTheApiKeepsAnswering()
    {
        var (top, _) = await ChainInTheDatabaseAsync(20_000);
        // Beyond the limit (reachable only by writing around the API) reads stay bounded: they answer, with what the bounded walk counts.
        await ExpectAsync(await Org.Member.GetAsync($"/api/v1/objectives/{top}"), HttpStatusCode.OK);
        var tree = await ExpectJsonAsync(await Org.Member.GetAsync($"/api/v1/alignment?periodId={Org.PeriodId}"), HttpStatusCode.OK);
        Assert.That(tree["items"]!.AsArray(), Has.Count.EqualTo(20_000));
        await ExpectAsync(await Org.Member.GetAsync($"/api/v1/objectives?periodId={Org.PeriodId}&pageSize=50"), HttpStatusCode.OK);
        await ExpectAsync(await Anonymous().GetAsync("/health/ready"), HttpStatusCode.OK);

        // An import that renames a link deep in that old chain, leaving it where it is, made nothing deeper: accepted.
        static string Link(int i) => Guid.ParseExact(Convert.ToHexStringLower(System.Security.Cryptography.MD5.HashData(Encoding.UTF8.GetBytes($"chain{i}"))), "N").ToString();
        var rename = $$"""{"objectives": [{"externalId": "{{Link(30)}}", "title": "Renamed", "period": "Current", "team": "example", "parent": "{{Link(29)}}"}]}""";
        await ExpectAsync(await Org.Admin.PostAsync("/api/v1/imports", new StringContent(rename, Encoding.UTF8, "application/json")), HttpStatusCode.OK);
        var renamed = await ExpectJsonAsync(await Org.Member.GetAsync($"/api/v1/objectives/{Link(30)}"), HttpStatusCode.OK);
        Assert.That(renamed["title"]!.GetValue<string>(), Is.EqualTo("Renamed"));
    }

    [Test]
    public async Task TheApiRefusesAnAlignmentChainBeyondTheLimit()
    {
        var (_, bottom) = await ChainInTheDatabaseAsync(Limits.MaxAlignmentDepth);
        var problem = await ExpectProblemAsync(await Org.Member.PostAsJsonAsync("/api/v1/objectives", new
        {
            title = "One too deep", periodId = Org.PeriodId, teamId = Org.ProductId, ownerId = Org.MemberId, parentId = bottom,
        }), HttpStatusCode.UnprocessableEntity, "parentId");
        Assert.That(problem["errors"]!["parentId"]![0]!.GetValue<string>(), Does.Contain($"at most {Limits.MaxAlignmentDepth} objectives"));

        // Moving an objective that has a child of its own under a chain one shorter is refused too.
        var (_, shorter) = await ChainInTheDatabaseAsync(Limits.MaxAlignmentDepth - 1, "second", withKeyResult: false);
        var product = await ProductObjectiveAsync(null, "Has a child");
        await CreateObjectiveAsync(Org.Member, new { title = "Child", periodId = Org.PeriodId, teamId = Org.ProductId, ownerId = Org.MemberId, parentId = Id(product) });
        await ExpectProblemAsync(await PatchAsync(Org.Lead, $"/api/v1/objectives/{Id(product)}", new { parentId = shorter }, $"\"{product["version"]}\""),
            HttpStatusCode.UnprocessableEntity, "parentId");
    }

    [Test]
    public async Task TeamTreesDeeperThanTheLimitAreRefusedByTheApiAndTheImport()
    {
        // The company is level 1, Product level 2: add levels until the limit, then one more.
        var parent = Org.ProductId;
        for (var level = 3; level <= Limits.MaxTeamDepth; level++)
        {
            var team = await ExpectJsonAsync(await Org.Admin.PostAsJsonAsync("/api/v1/teams", new { name = $"Level {level}", slug = $"level-{level}", parentId = parent }), HttpStatusCode.Created);
            parent = Id(team);
        }

        var problem = await ExpectProblemAsync(await Org.Admin.PostAsJsonAsync("/api/v1/teams", new { name = "Too deep", slug = "too-deep", parentId = parent }),
            HttpStatusCode.UnprocessableEntity, "parentId");
        Assert.That(problem["errors"]!["parentId"]![0]!.GetValue<string>(), Does.Contain($"at most {Limits.MaxTeamDepth} levels"));
        var sales = await ExpectJsonAsync(await Org.Admin.GetAsync($"/api/v1/teams/{Org.SalesId}"), HttpStatusCode.OK);
        var withChild = await ExpectJsonAsync(await Org.Admin.PostAsJsonAsync("/api/v1/teams", new { name = "Under sales", slug = "under-sales", parentId = Org.SalesId }), HttpStatusCode.Created);
        Assert.That(withChild, Is.Not.Null);
        await ExpectProblemAsync(await PatchAsync(Org.Admin, $"/api/v1/teams/{Org.SalesId}", new { parentId = parent }, $"\"{sales["version"]}\""),
            HttpStatusCode.UnprocessableEntity, "parentId");

        // The import moves Sales to the last level: Sales itself fits, but its team in Okr, which the file does not
        // name, would be one level too deep. Refused on the row that moves it.
        var moving = await ExpectProblemAsync(await Org.Admin.PostAsync("/api/v1/imports", new StringContent(
            $$$"""{"teams": [{"slug": "sales", "name": "Sales", "parent": "level-{{{Limits.MaxTeamDepth - 1}}}"}]}""", Encoding.UTF8, "application/json")),
            HttpStatusCode.UnprocessableEntity);
        Assert.That(moving["errors"]![0]!["path"]!.GetValue<string>(), Is.EqualTo("$.teams[0]"));
        Assert.That(moving["errors"]![0]!["message"]!.GetValue<string>(), Does.Contain($"at most {Limits.MaxTeamDepth} levels").And.Contain("under-sales"));

        // An import of 10,000 nested teams, as in the attack: refused, row by row, in one answer.
        var teams = new JsonArray([.. Enumerable.Range(1, 10_000).Select(i => (JsonNode)new JsonObject
        {
            ["slug"] = $"nested-{i}", ["name"] = $"Nested {i}", ["parent"] = i == 1 ? "example" : $"nested-{i - 1}",
        })]);
        var response = await Org.Admin.PostAsync("/api/v1/imports", new StringContent(new JsonObject { ["teams"] = teams }.ToJsonString(), Encoding.UTF8, "application/json"));
        var refused = await ExpectProblemAsync(response, HttpStatusCode.UnprocessableEntity);
        Assert.That(refused["errors"]![0]!["message"]!.GetValue<string>(), Does.Contain($"at most {Limits.MaxTeamDepth} levels"));
        Assert.That(refused["errors"]![0]!["path"]!.GetValue<string>(), Is.EqualTo($"$.teams[{Limits.MaxTeamDepth - 1}]"), "the first team too deep");
    }
}
