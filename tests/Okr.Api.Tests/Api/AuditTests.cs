using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Okr.Api.Tests.Infrastructure;

namespace Okr.Api.Tests.Api;

public sealed class AuditTests : OrganisationTest
{
    [Test]
    public async Task UpdateRecordsOldAndNewValuesAndWho()
    {
        var created = await CompanyObjectiveAsync("Old title", Metric("k", "increase", 0, 10));
        await ExpectAsync(await PatchAsync(Org.Admin, $"/api/v1/objectives/{Id(created)}", new { title = "New title", weight = 3 }, $"\"{created["version"]}\""),
            HttpStatusCode.OK);

        var log = await ExpectJsonAsync(await Org.Admin.GetAsync($"/api/v1/audit?entityType=objective&entityId={Id(created)}"), HttpStatusCode.OK);
        var entries = log["items"]!.AsArray();
        Assert.That(entries.Select(e => e!["action"]!.GetValue<string>()), Is.EqualTo(new[] { "updated", "created" }));
        var update = entries[0]!;
        Assert.That(update["actorUserId"]!.GetValue<string>(), Is.EqualTo(Org.AdminId.ToString()));
        Assert.That(update["changes"]!["title"]!["old"]!.GetValue<string>(), Is.EqualTo("Old title"));
        Assert.That(update["changes"]!["title"]!["new"]!.GetValue<string>(), Is.EqualTo("New title"));
        Assert.That(update["changes"]!["weight"]!["new"]!.GetValue<decimal>(), Is.EqualTo(3m));
        Assert.That(update["changes"]!.AsObject().ContainsKey("description"), Is.False, "unchanged fields are not recorded");

        var read = await ExpectJsonAsync(await Org.Admin.GetAsync($"/api/v1/objectives/{Id(created)}"), HttpStatusCode.OK);
        Assert.That(read["modifiedAt"]!.GetValue<DateTimeOffset>(), Is.GreaterThan(read["createdAt"]!.GetValue<DateTimeOffset>()));
    }

    [Test]
    public async Task ObjectiveHistoryIncludesKeyResultsAndCheckInsForAnyReader()
    {
        var created = await CompanyObjectiveAsync("Grow", Metric("Revenue", "increase", 0, 100));
        await ExpectAsync(await Org.Admin.PostAsJsonAsync($"/api/v1/key-results/{Id(created["keyResults"]![0]!)}/check-ins", new { value = 20 }), HttpStatusCode.Created);
        var history = await ExpectJsonAsync(await Org.Member.GetAsync($"/api/v1/objectives/{Id(created)}/history"), HttpStatusCode.OK);
        Assert.That(history["items"]!.AsArray().Select(e => e!["entityType"]!.GetValue<string>()), Is.SupersetOf(new[] { "objective", "key_result", "check_in" }));
        await ExpectProblemAsync(await Org.Member.GetAsync("/api/v1/audit"), HttpStatusCode.Forbidden);
    }

    [Test]
    public async Task PasswordsNeverReachTheLog()
    {
        var log = await ExpectJsonAsync(await Org.Admin.GetAsync("/api/v1/audit?entityType=user&pageSize=100"), HttpStatusCode.OK);
        var text = log.ToJsonString();
        Assert.That(text, Does.Contain("(secret)"));
        Assert.That(text, Does.Not.Contain("AQAAAA"), "no password hash");
    }

    [Test]
    public async Task AnImportRecordsTheSameFieldsAsTheApiForEveryEntity()
    {
        // Through the API: an objective with a key result, then a check-in (which also updates the key result).
        var viaApi = await CreateObjectiveAsync(Org.Admin, new
        {
            title = "Through the API", periodId = Org.PeriodId, teamId = Org.CompanyId, externalId = "api-objective",
            keyResults = new[] { new { title = "Revenue", direction = "increase", baseline = 0, target = 100, externalId = "api-kr" } },
        });
        var apiKeyResult = Id(viaApi["keyResults"]![0]!);
        var apiCheckIn = await ExpectJsonAsync(await Org.Admin.PostAsJsonAsync($"/api/v1/key-results/{apiKeyResult}/check-ins", new { value = 20, note = "api" }), HttpStatusCode.Created);

        // Through the import: the same shapes, plus a check-in on the key result the API created.
        var document = new
        {
            objectives = new[] { new { externalId = "imported-objective", title = "Through the import", period = "Current", team = "example" } },
            keyResults = new[] { new { externalId = "imported-kr", objective = "imported-objective", title = "Revenue", direction = "increase", baseline = 0, target = 100 } },
            checkIns = new[]
            {
                new { keyResult = "imported-kr", value = 20m, note = "import", measuredAt = DateTimeOffset.UtcNow.AddHours(-2), confidence = 5 },
                new { keyResult = "api-kr", value = 30m, note = "import", measuredAt = DateTimeOffset.UtcNow, confidence = 8 },
            },
        };
        await ExpectAsync(await Org.Admin.PostAsJsonAsync("/api/v1/imports", document), HttpStatusCode.OK);
        var importedObjective = (await ExpectJsonAsync(await Org.Admin.GetAsync("/api/v1/objectives?externalId=imported-objective"), HttpStatusCode.OK))["items"]![0]!;
        var importedKeyResult = Id(importedObjective["keyResults"]![0]!);

        async Task<JsonNode> EntryAsync(string type, Guid id, string action, bool imported)
        {
            var log = await ExpectJsonAsync(await Org.Admin.GetAsync($"/api/v1/audit?entityType={type}&entityId={id}&pageSize=100"), HttpStatusCode.OK);
            return log["items"]!.AsArray().Last(e => e!["action"]!.GetValue<string>() == action && e["importId"] is not null == imported)!;
        }

        static IEnumerable<string> Fields(JsonNode entry) => entry["changes"]!.AsObject().Select(f => f.Key).Order();

        Assert.That(Fields(await EntryAsync("objective", Id(importedObjective), "created", true)),
            Is.EqualTo(Fields(await EntryAsync("objective", Id(viaApi), "created", false))), "a created objective");
        Assert.That(Fields(await EntryAsync("key_result", importedKeyResult, "created", true)),
            Is.EqualTo(Fields(await EntryAsync("key_result", apiKeyResult, "created", false))), "a created key result");

        var checkIns = await ExpectJsonAsync(await Org.Admin.GetAsync($"/api/v1/key-results/{importedKeyResult}/check-ins"), HttpStatusCode.OK);
        Assert.That(Fields(await EntryAsync("check_in", Id(checkIns["items"]![0]!), "created", true)),
            Is.EqualTo(Fields(await EntryAsync("check_in", Id(apiCheckIn), "created", false))), "a created check-in");

        // The imported check-in moved the API's key result on: recorded as the API's check-in recorded it.
        var moved = await EntryAsync("key_result", apiKeyResult, "updated", true);
        Assert.That(Fields(moved), Is.EqualTo(Fields(await EntryAsync("key_result", apiKeyResult, "updated", false))), "a key result moved by a check-in");
        Assert.That(moved["changes"]!["currentValue"]!["old"]!.GetValue<decimal>(), Is.EqualTo(20m));
        Assert.That(moved["changes"]!["currentValue"]!["new"]!.GetValue<decimal>(), Is.EqualTo(30m));
        Assert.That(moved["objectiveId"]!.GetValue<string>(), Is.EqualTo(Id(viaApi).ToString()));
    }

    [Test]
    public async Task AnImportRecordsTeamsPeopleMembershipsAndPeriodsAsTheApiDoes()
    {
        var team = await ExpectJsonAsync(await Org.Admin.PostAsJsonAsync("/api/v1/teams", new { name = "Via API", slug = "via-api", parentId = Org.CompanyId }), HttpStatusCode.Created);
        var user = await ExpectJsonAsync(await Org.Admin.PostAsJsonAsync("/api/v1/users", new { email = "api-person@example.com", displayName = "API person", password = "long-enough-password", role = "member" }), HttpStatusCode.Created);
        await ExpectAsync(await Org.Admin.PutAsJsonAsync($"/api/v1/teams/{Id(team)}/members/{Id(user)}", new { role = "member" }), HttpStatusCode.OK);
        var period = await ExpectJsonAsync(await Org.Admin.PostAsJsonAsync("/api/v1/periods", new { label = "Via API", startDate = "2030-01-01", endDate = "2030-03-31" }), HttpStatusCode.Created);

        await ExpectAsync(await Org.Admin.PostAsJsonAsync("/api/v1/imports", new
        {
            teams = new[] { new { slug = "via-import", name = "Via import", parent = "example" } },
            users = new[] { new { email = "imported-person@example.com", displayName = "Imported person", teams = new[] { new { team = "via-import" } } } },
            periods = new[] { new { label = "Via import", startDate = "2030-04-01", endDate = "2030-06-30" } },
        }), HttpStatusCode.OK);

        async Task<JsonNode> CreatedAsync(string type, bool imported)
        {
            var log = await ExpectJsonAsync(await Org.Admin.GetAsync($"/api/v1/audit?entityType={type}&pageSize=100"), HttpStatusCode.OK);
            return log["items"]!.AsArray().First(e => e!["action"]!.GetValue<string>() == "created" && e["importId"] is not null == imported)!;
        }

        static IEnumerable<string> Fields(JsonNode entry) => entry["changes"]!.AsObject().Select(f => f.Key).Order();

        foreach (var type in new[] { "team", "user", "team_membership", "period" })
        {
            Assert.That(Fields(await CreatedAsync(type, imported: true)), Is.EqualTo(Fields(await CreatedAsync(type, imported: false))), type);
        }

        var importedUser = await CreatedAsync("user", imported: true);
        Assert.That(importedUser["changes"]!["passwordHash"]!["new"], Is.Null, "an imported person has no password, and the log does not pretend one");
        Assert.That(Id(period), Is.Not.EqualTo(Guid.Empty));
    }
}
