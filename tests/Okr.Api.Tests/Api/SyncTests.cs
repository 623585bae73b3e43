using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Okr.Api.Tests.Infrastructure;

namespace Okr.Api.Tests.Api;

/// <summary>
/// Incremental sync of objectives for integrations: keyset pages (nextCursor / after) that objectives created or deleted
/// during a crawl do not shift, and modifiedSince for what changed since the last run (a check-in counts).
/// </summary>
public sealed class SyncTests : OrganisationTest
{
    private static async Task<JsonNode> PageAsync(HttpClient client, string query) =>
        await ExpectJsonAsync(await client.GetAsync($"/api/v1/objectives?{query}"), HttpStatusCode.OK);

    private static IEnumerable<Guid> Ids(JsonNode page) => page["items"]!.AsArray().Select(o => Id(o!));

    [Test]
    public async Task ACursorCrawlSeesEveryObjectiveOnceWhileOthersAreCreatedAndDeleted()
    {
        var before = new List<Guid>();
        for (var i = 0; i < 7; i++) before.Add(Id(await CompanyObjectiveAsync($"Objective {i}")));

        var seen = new List<Guid>();
        var page = await PageAsync(Org.Admin, $"periodId={Org.PeriodId}&pageSize=3");
        Assert.That(page["totalCount"]!.GetValue<int>(), Is.EqualTo(7));
        seen.AddRange(Ids(page));
        // Meanwhile: one objective is created (it sorts first, newest first), one already read and one not yet read are
        // deleted. Offset pages would now repeat an objective (the new one pushes the rest down) or skip one (a deletion
        // pulls them up); the deleted ones are for GET /events to tell.
        await CompanyObjectiveAsync("Created during the crawl");
        await ExpectAsync(await Org.Admin.DeleteAsync($"/api/v1/objectives/{seen[0]}"), HttpStatusCode.NoContent);
        await ExpectAsync(await Org.Admin.DeleteAsync($"/api/v1/objectives/{before[0]}"), HttpStatusCode.NoContent);
        while (page["nextCursor"]?.GetValue<string>() is { } cursor)
        {
            page = await PageAsync(Org.Admin, $"periodId={Org.PeriodId}&pageSize=3&after={Uri.EscapeDataString(cursor)}");
            Assert.That(page["page"]!.GetValue<int>(), Is.EqualTo(1));
            seen.AddRange(Ids(page));
        }

        Assert.That(seen, Is.EqualTo(before.Skip(1).Reverse()), "every objective that existed at the start and still exists, once, newest first");
    }

    [Test]
    public async Task TheLastPageHasNoCursorAndOffsetPagesCarryOne()
    {
        for (var i = 0; i < 3; i++) await CompanyObjectiveAsync($"Objective {i}");
        var first = await PageAsync(Org.Admin, $"periodId={Org.PeriodId}&pageSize=2");
        var second = await PageAsync(Org.Admin, $"periodId={Org.PeriodId}&pageSize=2&page=2");
        var byCursor = await PageAsync(Org.Admin, $"periodId={Org.PeriodId}&pageSize=2&after={first["nextCursor"]}");
        Assert.Multiple(() =>
        {
            Assert.That(first["nextCursor"]?.GetValue<string>(), Is.Not.Null.And.Not.Empty);
            Assert.That(second["nextCursor"], Is.Null, "page 2 of 2");
            Assert.That(Ids(byCursor), Is.EqualTo(Ids(second)), "after the first page's cursor comes what page 2 holds");
            Assert.That(byCursor["nextCursor"], Is.Null);
        });
    }

    [Test]
    public async Task ModifiedSinceKeepsObjectivesChangedOrCheckedInSinceThen()
    {
        var untouched = await CompanyObjectiveAsync("Untouched", Metric("Stays", "increase", 0, 10));
        var checkedIn = await CompanyObjectiveAsync("Checked in", Metric("Moves", "increase", 0, 10));
        var renamed = await CompanyObjectiveAsync("Renamed");
        await Task.Delay(20);
        var since = DateTimeOffset.UtcNow;
        await Task.Delay(20);

        var keyResult = checkedIn["keyResults"]![0]!["id"]!.GetValue<string>();
        await ExpectAsync(await Org.Admin.PostAsJsonAsync($"/api/v1/key-results/{keyResult}/check-ins", new { value = 4 }), HttpStatusCode.Created);
        await ExpectJsonAsync(await PatchAsync(Org.Admin, $"/api/v1/objectives/{Id(renamed)}", new { title = "Renamed since" }, $"\"{renamed["version"]}\""),
            HttpStatusCode.OK);

        var page = await PageAsync(Org.Admin, $"modifiedSince={Uri.EscapeDataString(since.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'"))}");
        Assert.That(Ids(page), Is.EquivalentTo(new[] { Id(checkedIn), Id(renamed) }), $"not {Id(untouched)}");
        var offset = await PageAsync(Org.Admin, $"modifiedSince={Uri.EscapeDataString(since.ToOffset(TimeSpan.FromHours(2)).ToString("yyyy-MM-dd'T'HH:mm:ss.fffffffzzz"))}");
        Assert.That(Ids(offset), Is.EquivalentTo(Ids(page)), "the same instant written with another offset");
        var all = await PageAsync(Org.Admin, $"modifiedSince={since.AddDays(-1):yyyy-MM-dd}");
        Assert.That(Ids(all), Does.Contain(Id(untouched)), "a date alone is the start of that day (UTC)");
    }

    [TestCase("after=not-a-cursor", "after")]
    [TestCase("after=MTIzOjQ1Ng", "after")]
    [TestCase("page=2&after=NjM5MDAwMDAwMDAwMDAwMDAwOjAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAx", "page")]
    [TestCase("modifiedSince=07.03.2026", "modifiedSince")]
    [TestCase("modifiedSince=2026-03-07T10:00:00", "modifiedSince")]
    public async Task BadSyncParametersAre400NamingTheParameter(string query, string field) =>
        await ExpectProblemAsync(await Org.Admin.GetAsync($"/api/v1/objectives?{query}"), HttpStatusCode.BadRequest, field);

    [TestCase("from=07/03/2026", "from")]
    [TestCase("to=2026-03-07T10:00:00", "to")]
    public async Task ConversationTimeFiltersTakeOnlyIsoTimes(string query, string field) =>
        await ExpectProblemAsync(await Org.Admin.GetAsync($"/api/v1/conversations?{query}"), HttpStatusCode.BadRequest, field);
}
