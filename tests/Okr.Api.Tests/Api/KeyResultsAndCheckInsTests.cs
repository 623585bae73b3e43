using System.Net;
using System.Net.Http.Json;
using Okr.Api.Tests.Infrastructure;

namespace Okr.Api.Tests.Api;

public sealed class KeyResultsAndCheckInsTests : OrganisationTest
{
    private async Task<(Guid Objective, Guid KeyResult)> ReferralsAsync(Guid? ownerId = null)
    {
        var objective = await CompanyObjectiveAsync("Grow by word of mouth", Metric("Increase referrals from 40 to 60", "increase", 40, 60, ownerId: ownerId));
        return (Id(objective), Id(objective["keyResults"]![0]!));
    }

    [Test]
    public async Task AddsAKeyResultToAnObjective()
    {
        var (objective, _) = await ReferralsAsync();
        var response = await Org.Admin.PostAsJsonAsync($"/api/v1/objectives/{objective}/key-results",
            new { title = "Reduce churn from 8% to 5%", direction = "decrease", baseline = 8, target = 5, unit = "percent", weight = 2 });
        var created = await ExpectJsonAsync(response, HttpStatusCode.Created);
        Assert.That(created["objectiveId"]!.GetValue<string>(), Is.EqualTo(objective.ToString()));
        Assert.That(created["weight"]!.GetValue<decimal>(), Is.EqualTo(2m));
        Assert.That(response.Headers.Location!.ToString(), Is.EqualTo($"/api/v1/key-results/{Id(created)}"));

        var list = await ExpectJsonAsync(await Org.Member.GetAsync($"/api/v1/objectives/{objective}/key-results"), HttpStatusCode.OK);
        Assert.That(list["totalCount"]!.GetValue<int>(), Is.EqualTo(2));
    }

    [Test]
    public async Task Returns422ForAMetricWithoutBaseline()
    {
        var (objective, _) = await ReferralsAsync();
        await ExpectProblemAsync(await Org.Admin.PostAsJsonAsync($"/api/v1/objectives/{objective}/key-results",
            new { title = "Referrals", direction = "increase", target = 60 }), HttpStatusCode.UnprocessableEntity, "baseline");
    }

    [Test]
    public async Task MilestoneNeedsNoNumbersAndTakesDoneOrNotDone()
    {
        var (objective, _) = await ReferralsAsync();
        var milestone = await ExpectJsonAsync(await Org.Admin.PostAsJsonAsync($"/api/v1/objectives/{objective}/key-results",
            new { title = "Launch the referral programme", type = "milestone", unit = "milestone" }), HttpStatusCode.Created);
        Assert.That(milestone["target"]!.GetValue<decimal>(), Is.EqualTo(1m));
        await ExpectProblemAsync(await Org.Admin.PostAsJsonAsync($"/api/v1/key-results/{Id(milestone)}/check-ins", new { value = 0.5 }),
            HttpStatusCode.UnprocessableEntity, "value");
        await ExpectAsync(await Org.Admin.PostAsJsonAsync($"/api/v1/key-results/{Id(milestone)}/check-ins", new { value = 1 }), HttpStatusCode.Created);
        var done = await ExpectJsonAsync(await Org.Admin.GetAsync($"/api/v1/key-results/{Id(milestone)}"), HttpStatusCode.OK);
        Assert.That(done["progress"]!.GetValue<decimal>(), Is.EqualTo(1m));
    }

    [Test]
    public async Task CheckInSetsTheCurrentValueAndRecordsAuthorAndSource()
    {
        var (objective, keyResult) = await ReferralsAsync(ownerId: Org.MemberId);
        var response = await Org.Member.PostAsJsonAsync($"/api/v1/key-results/{keyResult}/check-ins", new { value = 50, confidence = 7, note = "Halfway there" });
        var checkIn = await ExpectJsonAsync(response, HttpStatusCode.Created);
        Assert.Multiple(() =>
        {
            Assert.That(checkIn["value"]!.GetValue<decimal>(), Is.EqualTo(50m));
            Assert.That(checkIn["confidence"]!.GetValue<int>(), Is.EqualTo(7));
            Assert.That(checkIn["authorId"]!.GetValue<string>(), Is.EqualTo(Org.MemberId.ToString()));
            Assert.That(checkIn["source"]!.GetValue<string>(), Is.EqualTo("api"));
        });

        var read = await ExpectJsonAsync(await Org.Member.GetAsync($"/api/v1/key-results/{keyResult}"), HttpStatusCode.OK);
        Assert.That(read["currentValue"]!.GetValue<decimal>(), Is.EqualTo(50m));
        Assert.That(read["progress"]!.GetValue<decimal>(), Is.EqualTo(0.5m));
        Assert.That(read["confidence"]!.GetValue<int>(), Is.EqualTo(7));
        Assert.That(read["lastCheckInNote"]!.GetValue<string>(), Is.EqualTo("Halfway there"), "the reason behind the status, next to it");
        Assert.That(read["stale"]!.GetValue<bool>(), Is.False);
        var parent = await ExpectJsonAsync(await Org.Member.GetAsync($"/api/v1/objectives/{objective}"), HttpStatusCode.OK);
        Assert.That(parent["progress"]!.GetValue<decimal>(), Is.EqualTo(0.5m));
    }

    [Test]
    public async Task WebAppCheckInsAreRecordedAsWeb()
    {
        var (_, keyResult) = await ReferralsAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/key-results/{keyResult}/check-ins") { Content = JsonContent.Create(new { value = 45 }) };
        request.Headers.Add("X-Okr-Client", "web");
        var checkIn = await ExpectJsonAsync(await Org.Admin.SendAsync(request), HttpStatusCode.Created);
        Assert.That(checkIn["source"]!.GetValue<string>(), Is.EqualTo("web"));
        Assert.That(checkIn["confidence"]!.GetValue<int>(), Is.EqualTo(5));
    }

    [Test]
    public async Task HistoryIsNewestFirstAndABackdatedCheckInKeepsTheLatestValue()
    {
        var (_, keyResult) = await ReferralsAsync();
        var now = DateTimeOffset.UtcNow;
        await ExpectAsync(await Org.Admin.PostAsJsonAsync($"/api/v1/key-results/{keyResult}/check-ins", new { value = 44, measuredAt = now.AddDays(-14) }), HttpStatusCode.Created);
        await ExpectAsync(await Org.Admin.PostAsJsonAsync($"/api/v1/key-results/{keyResult}/check-ins", new { value = 52, measuredAt = now.AddDays(-1) }), HttpStatusCode.Created);
        await ExpectAsync(await Org.Admin.PostAsJsonAsync($"/api/v1/key-results/{keyResult}/check-ins", new { value = 48, measuredAt = now.AddDays(-7), note = "late entry" }), HttpStatusCode.Created);

        var history = await ExpectJsonAsync(await Org.Admin.GetAsync($"/api/v1/key-results/{keyResult}/check-ins?pageSize=2"), HttpStatusCode.OK);
        Assert.That(history["totalCount"]!.GetValue<int>(), Is.EqualTo(3));
        Assert.That(history["items"]!.AsArray().Select(i => i!["value"]!.GetValue<decimal>()), Is.EqualTo(new[] { 52m, 48m }));
        var read = await ExpectJsonAsync(await Org.Admin.GetAsync($"/api/v1/key-results/{keyResult}"), HttpStatusCode.OK);
        Assert.That(read["currentValue"]!.GetValue<decimal>(), Is.EqualTo(52m));
        Assert.That(read["lastCheckInNote"], Is.Null, "the late entry's note belongs to an older value");
    }

    [Test]
    public async Task Returns400ForBadCheckIns()
    {
        var (_, keyResult) = await ReferralsAsync();
        var url = $"/api/v1/key-results/{keyResult}/check-ins";
        await ExpectProblemAsync(await Org.Admin.PostAsJsonAsync(url, new { value = 50, confidence = 11 }), HttpStatusCode.BadRequest, "confidence");
        await ExpectProblemAsync(await Org.Admin.PostAsJsonAsync(url, new { value = 50, measuredAt = DateTimeOffset.UtcNow.AddDays(2) }), HttpStatusCode.BadRequest, "measuredAt");
        await ExpectProblemAsync(await Org.Admin.PostAsJsonAsync(url, new { value = 50, note = new string('n', 2001) }), HttpStatusCode.BadRequest, "note");
        await ExpectProblemAsync(await PostRawAsync(Org.Admin, url, """{"value":"fifty"}"""), HttpStatusCode.BadRequest, "value");
        var history = await ExpectJsonAsync(await Org.Admin.GetAsync(url), HttpStatusCode.OK);
        Assert.That(history["totalCount"]!.GetValue<int>(), Is.EqualTo(0));
    }

    [Test]
    public async Task OnlyOwnersLeadsAndAdminsCheckIn()
    {
        var (_, keyResult) = await ReferralsAsync(ownerId: Org.MemberId);
        await ExpectProblemAsync(await Org.Outsider.PostAsJsonAsync($"/api/v1/key-results/{keyResult}/check-ins", new { value = 45 }), HttpStatusCode.Forbidden);
        await ExpectProblemAsync(await Org.Lead.PostAsJsonAsync($"/api/v1/key-results/{keyResult}/check-ins", new { value = 45 }), HttpStatusCode.Forbidden);
        await ExpectAsync(await Org.Member.PostAsJsonAsync($"/api/v1/key-results/{keyResult}/check-ins", new { value = 45 }), HttpStatusCode.Created);
    }

    [Test]
    public async Task ConcurrentCheckInsAreAllRecorded()
    {
        var (_, keyResult) = await ReferralsAsync();
        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            Org.Admin.PostAsJsonAsync($"/api/v1/key-results/{keyResult}/check-ins", new { value = 41 + i })));
        Assert.That(responses.Select(r => r.StatusCode), Is.All.EqualTo(HttpStatusCode.Created));
        var history = await ExpectJsonAsync(await Org.Admin.GetAsync($"/api/v1/key-results/{keyResult}/check-ins"), HttpStatusCode.OK);
        Assert.That(history["totalCount"]!.GetValue<int>(), Is.EqualTo(8));
    }

    [Test]
    public async Task UpdateChangesTheTargetWithIfMatch()
    {
        var (_, keyResult) = await ReferralsAsync();
        var read = await Org.Admin.GetAsync($"/api/v1/key-results/{keyResult}");
        var updated = await ExpectJsonAsync(await PatchAsync(Org.Admin, $"/api/v1/key-results/{keyResult}", new { target = 80, title = "Increase referrals from 40 to 80" },
            read.Headers.ETag!.Tag), HttpStatusCode.OK);
        Assert.That(updated["target"]!.GetValue<decimal>(), Is.EqualTo(80m));
        Assert.That(updated["baseline"]!.GetValue<decimal>(), Is.EqualTo(40m));
        await ExpectProblemAsync(await PatchAsync(Org.Admin, $"/api/v1/key-results/{keyResult}", new { target = 90 }, read.Headers.ETag!.Tag),
            HttpStatusCode.PreconditionFailed);
        await ExpectProblemAsync(await PatchAsync(Org.Admin, $"/api/v1/key-results/{keyResult}", new { target = 10 }, $"\"{updated["version"]}\""),
            HttpStatusCode.UnprocessableEntity, "target");
        await ExpectProblemAsync(await PatchAsync(Org.Admin, $"/api/v1/key-results/{keyResult}", new { unit = "currency" }, $"\"{updated["version"]}\""),
            HttpStatusCode.BadRequest, "currencyCode");
    }

    [Test]
    public async Task DeleteRemovesTheKeyResultAndItsHistory()
    {
        var (objective, keyResult) = await ReferralsAsync();
        await ExpectAsync(await Org.Admin.PostAsJsonAsync($"/api/v1/key-results/{keyResult}/check-ins", new { value = 45 }), HttpStatusCode.Created);
        await ExpectProblemAsync(await Org.Outsider.DeleteAsync($"/api/v1/key-results/{keyResult}"), HttpStatusCode.Forbidden);
        await ExpectAsync(await Org.Admin.DeleteAsync($"/api/v1/key-results/{keyResult}"), HttpStatusCode.NoContent);
        await ExpectProblemAsync(await Org.Admin.GetAsync($"/api/v1/key-results/{keyResult}"), HttpStatusCode.NotFound);
        await ExpectProblemAsync(await Org.Admin.GetAsync($"/api/v1/key-results/{keyResult}/check-ins"), HttpStatusCode.NotFound);
        var parent = await ExpectJsonAsync(await Org.Admin.GetAsync($"/api/v1/objectives/{objective}"), HttpStatusCode.OK);
        Assert.That(parent["keyResults"]!.AsArray(), Is.Empty);
    }

    [Test]
    public async Task KeyResultWithoutCheckInsForLongerThanItsCadenceIsStale()
    {
        var (_, keyResult) = await ReferralsAsync();
        Factory.Clock.Set(DateTimeOffset.UtcNow.AddDays(8));
        var read = await ExpectJsonAsync(await Org.Admin.GetAsync($"/api/v1/key-results/{keyResult}"), HttpStatusCode.OK);
        Assert.That(read["stale"]!.GetValue<bool>(), Is.True);
    }

    [TestCase("2026-07-31T09:00:00")]
    [TestCase("07/31/2026 09:00")]
    [TestCase("07.03.2026")]
    public async Task ACheckInTimeWithoutItsOffsetIsRefusedNamingTheField(string measuredAt)
    {
        var (_, keyResult) = await ReferralsAsync();
        var problem = await ExpectProblemAsync(await PostRawAsync(Org.Admin, $"/api/v1/key-results/{keyResult}/check-ins", $$"""{"value": 45, "measuredAt": "{{measuredAt}}"}"""),
            HttpStatusCode.BadRequest, "measuredAt");
        Assert.That(problem["errors"]!["measuredAt"]![0]!.GetValue<string>(), Does.Contain("with its offset"));
        var list = await ExpectJsonAsync(await Org.Admin.GetAsync($"/api/v1/key-results/{keyResult}/check-ins"), HttpStatusCode.OK);
        Assert.That(list["totalCount"]!.GetValue<int>(), Is.Zero);
    }
}
