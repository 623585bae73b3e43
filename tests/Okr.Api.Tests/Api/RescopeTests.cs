using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Okr.Api.Tests.Infrastructure;

namespace Okr.Api.Tests.Api;

/// <summary>
/// A change to what a key result measures never moves progress silently: once it has check-ins it keeps its type (PATCH and
/// import), and a changed direction, baseline or target is a re-scope, listed at GET /key-results/{id}/rescopes.
/// </summary>
public sealed class RescopeTests : OrganisationTest
{
    private async Task<(JsonNode Objective, Guid KeyResult)> MeasuredAsync()
    {
        var objective = await CreateObjectiveAsync(Org.Admin, new
        {
            title = "Ship", periodId = Org.PeriodId, teamId = Org.CompanyId, externalId = "ship",
            keyResults = new[] { new { title = "Features", direction = "increase", baseline = 0, target = 10, externalId = "features" } },
        });
        var keyResult = Id(objective["keyResults"]![0]!);
        await ExpectAsync(await Org.Admin.PostAsJsonAsync($"/api/v1/key-results/{keyResult}/check-ins", new { value = 3 }), HttpStatusCode.Created);
        return (objective, keyResult);
    }

    private async Task<JsonNode> KeyResultAsync(Guid id) => await ExpectJsonAsync(await Org.Admin.GetAsync($"/api/v1/key-results/{id}"), HttpStatusCode.OK);

    [TestCase("milestone")]
    public async Task AKeyResultWithCheckInsKeepsItsTypeAndItsProgress(string type)
    {
        var (objective, keyResult) = await MeasuredAsync();
        var before = await KeyResultAsync(keyResult);
        var problem = await ExpectProblemAsync(await PatchAsync(Org.Admin, $"/api/v1/key-results/{keyResult}", new { type }, $"\"{before["version"]}\""),
            HttpStatusCode.UnprocessableEntity, "type");
        Assert.That(problem["errors"]!["type"]![0]!.GetValue<string>(), Does.Contain("keeps its type"));

        var after = await KeyResultAsync(keyResult);
        Assert.That(after["type"]!.GetValue<string>(), Is.EqualTo("metric"));
        Assert.That(after["progress"]!.GetValue<decimal>(), Is.EqualTo(0.3m));
        var parent = await ExpectJsonAsync(await Org.Admin.GetAsync($"/api/v1/objectives/{Id(objective)}"), HttpStatusCode.OK);
        Assert.That(parent["progress"]!.GetValue<decimal>(), Is.EqualTo(0.3m));
    }

    [Test]
    public async Task BeforeTheFirstCheckInTheTypeMayChange()
    {
        var objective = await CompanyObjectiveAsync("Launch", Metric("Launch", "increase", 0, 10));
        var keyResult = objective["keyResults"]![0]!;
        var changed = await ExpectJsonAsync(await PatchAsync(Org.Admin, $"/api/v1/key-results/{Id(keyResult)}", new { type = "milestone" }, $"\"{keyResult["version"]}\""),
            HttpStatusCode.OK);
        Assert.That((changed["type"]!.GetValue<string>(), changed["target"]!.GetValue<decimal>(), changed["progress"]!.GetValue<decimal>()), Is.EqualTo(("milestone", 1m, 0m)));
    }

    [Test]
    public async Task AMilestoneGivenOtherNumbersIsRefusedNotRewritten()
    {
        var objective = await CompanyObjectiveAsync("Launch");
        await ExpectProblemAsync(await Org.Admin.PostAsJsonAsync($"/api/v1/objectives/{Id(objective)}/key-results", new { title = "Launch", type = "milestone", target = 5 }),
            HttpStatusCode.UnprocessableEntity, "target");
        var milestone = await ExpectJsonAsync(await Org.Admin.PostAsJsonAsync($"/api/v1/objectives/{Id(objective)}/key-results", new { title = "Launch", type = "milestone" }),
            HttpStatusCode.Created);
        await ExpectProblemAsync(await PatchAsync(Org.Admin, $"/api/v1/key-results/{Id(milestone)}", new { target = 5 }, $"\"{milestone["version"]}\""),
            HttpStatusCode.UnprocessableEntity, "target");
    }

    [Test]
    public async Task AChangedTargetIsARescopeListedWithWhoAndWhatBefore()
    {
        var (_, keyResult) = await MeasuredAsync();
        var before = await KeyResultAsync(keyResult);
        var changed = await ExpectJsonAsync(await PatchAsync(Org.Admin, $"/api/v1/key-results/{keyResult}", new { target = 20 }, $"\"{before["version"]}\""), HttpStatusCode.OK);
        Assert.That(changed["progress"]!.GetValue<decimal>(), Is.EqualTo(0.15m), "progress follows the new scope");
        await ExpectAsync(await PatchAsync(Org.Admin, $"/api/v1/key-results/{keyResult}", new { title = "Shipped features" }, $"\"{changed["version"]}\""), HttpStatusCode.OK);

        var rescopes = (await ExpectJsonAsync(await Org.Member.GetAsync($"/api/v1/key-results/{keyResult}/rescopes"), HttpStatusCode.OK)).AsArray();
        Assert.That(rescopes, Has.Count.EqualTo(1), "a new title is no re-scope");
        Assert.That(rescopes[0]!["before"]!["target"]!.GetValue<decimal>(), Is.EqualTo(10m));
        Assert.That(rescopes[0]!["after"]!["target"]!.GetValue<decimal>(), Is.EqualTo(20m));
        Assert.That(rescopes[0]!["after"]!["baseline"]!.GetValue<decimal>(), Is.EqualTo(0m));
        Assert.That(rescopes[0]!["actorUserId"]!.GetValue<string>(), Is.EqualTo(Org.AdminId.ToString()));
        await ExpectProblemAsync(await Org.Admin.GetAsync($"/api/v1/key-results/{Guid.NewGuid()}/rescopes"), HttpStatusCode.NotFound);
    }

    [Test]
    public async Task AnImportKeepsTheTypeOfAKeyResultWithCheckInsAndRecordsItsRescopes()
    {
        var (_, keyResult) = await MeasuredAsync();
        static StringContent Document(object keyResult) =>
            new(JsonSerializer(new { keyResults = new[] { keyResult } }), Encoding.UTF8, "application/json");

        var refused = await Org.Admin.PostAsync("/api/v1/imports", Document(new { externalId = "features", objective = "ship", title = "Features", type = "milestone" }));
        var problem = await ExpectProblemAsync(refused, HttpStatusCode.UnprocessableEntity);
        Assert.That(problem["errors"]![0]!["field"]!.GetValue<string>(), Is.EqualTo("type"));
        Assert.That(problem["errors"]![0]!["message"]!.GetValue<string>(), Does.Contain("keeps its type"));

        await ExpectAsync(await Org.Admin.PostAsync("/api/v1/imports",
            Document(new { externalId = "features", objective = "ship", title = "Features", direction = "increase", baseline = 0, target = 30 })), HttpStatusCode.OK);
        var rescopes = (await ExpectJsonAsync(await Org.Admin.GetAsync($"/api/v1/key-results/{keyResult}/rescopes"), HttpStatusCode.OK)).AsArray();
        Assert.That(rescopes.Select(r => r!["after"]!["target"]!.GetValue<decimal>()), Is.EqualTo(new[] { 30m }));
        Assert.That(rescopes[0]!["importId"], Is.Not.Null);
    }

    private static string JsonSerializer(object value) => System.Text.Json.JsonSerializer.Serialize(value, new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web));
}
