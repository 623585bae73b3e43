using System.Net;
using System.Net.Http.Json;
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
}
