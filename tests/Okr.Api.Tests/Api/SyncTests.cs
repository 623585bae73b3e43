using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Okr.Api.Tests.Infrastructure;

namespace Okr.Api.Tests.Api;

/// <summary>
/// Incremental sync for integrations: keyset pages (nextCursor / after) that items created or deleted during a crawl do
/// not shift, and modifiedSince (createdSince for check-ins) for what changed since the last run — objectives (a
/// check-in counts), people (a team membership counts), teams (archiving counts) and check-ins.
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

    private static async Task<List<JsonNode>> AllPagesAsync(HttpClient client, string path, string query)
    {
        var items = new List<JsonNode>();
        var page = await ExpectJsonAsync(await client.GetAsync($"{path}?pageSize=2&{query}"), HttpStatusCode.OK);
        items.AddRange(page["items"]!.AsArray().Select(i => i!));
        while (page["nextCursor"]?.GetValue<string>() is { } cursor)
        {
            page = await ExpectJsonAsync(await client.GetAsync($"{path}?pageSize=2&{query}&after={Uri.EscapeDataString(cursor)}"), HttpStatusCode.OK);
            items.AddRange(page["items"]!.AsArray().Select(i => i!));
        }

        return items;
    }

    private async Task<JsonNode> CreateUserAsync(string name) =>
        await ExpectJsonAsync(await Org.Admin.PostAsJsonAsync("/api/v1/users", new
        {
            email = $"{name.Replace(' ', '.').ToLowerInvariant()}@example.com", displayName = name, password = "correct-horse-battery-staple-9", role = "member",
        }), HttpStatusCode.Created);

    private static string Since(DateTimeOffset at) => Uri.EscapeDataString(at.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'"));

    [Test]
    public async Task APeopleSyncWhileOthersWriteEndsWithAnExactCopy()
    {
        var people = new List<JsonNode>();
        for (var i = 0; i < 5; i++) people.Add(await CreateUserAsync($"Person {i}"));
        await Task.Delay(20);
        var started = DateTimeOffset.UtcNow;
        await Task.Delay(20);

        // The first pass: every person, by cursor. After its first page (the organisation's own people sort before "Person"),
        // others write: a person is added who sorts first (behind the cursor), one is renamed, one joins a team (a change of
        // the team_memberships table only), one is deactivated.
        var copy = new Dictionary<Guid, JsonNode>();
        var page = await ExpectJsonAsync(await Org.Admin.GetAsync("/api/v1/users?pageSize=2"), HttpStatusCode.OK);
        foreach (var item in page["items"]!.AsArray()) copy[Id(item!)] = item!.DeepClone();
        await CreateUserAsync("Aaron First");
        await ExpectJsonAsync(await PatchAsync(Org.Admin, $"/api/v1/users/{Id(people[0])}", new { displayName = "Person 0, renamed" }, $"\"{people[0]["version"]}\""),
            HttpStatusCode.OK);
        await ExpectAsync(await Org.Admin.PutAsJsonAsync($"/api/v1/teams/{Org.ProductId}/members/{Org.MemberId}", new { role = "lead" }), HttpStatusCode.OK);
        await ExpectAsync(await Org.Admin.PostAsync($"/api/v1/users/{Id(people[3])}/deactivate", null), HttpStatusCode.OK);
        while (page["nextCursor"]?.GetValue<string>() is { } cursor)
        {
            page = await ExpectJsonAsync(await Org.Admin.GetAsync($"/api/v1/users?pageSize=2&after={Uri.EscapeDataString(cursor)}"), HttpStatusCode.OK);
            foreach (var item in page["items"]!.AsArray()) copy[Id(item!)] = item!.DeepClone();
        }

        var truth = (await AllPagesAsync(Org.Admin, "/api/v1/users", "")).ToDictionary(Id);
        Assert.That(copy.Keys, Is.Not.EquivalentTo(truth.Keys), "the crawl alone misses the person added behind its cursor");

        // The second pass: what changed since the first began.
        var changed = await AllPagesAsync(Org.Admin, "/api/v1/users", $"modifiedSince={Since(started)}");
        Assert.That(changed.Select(u => u["displayName"]!.GetValue<string>()), Is.EquivalentTo(new[] { "Aaron First", "Person 0, renamed", "member", "Person 3" }),
            "the added, the renamed, the one who joined a team (the database stamps the person), the deactivated; nobody else");
        foreach (var item in changed) copy[Id(item)] = item.DeepClone();

        Assert.That(copy.Keys, Is.EquivalentTo(truth.Keys));
        foreach (var (id, person) in truth)
        {
            Assert.That(JsonNode.DeepEquals(copy[id], person), Is.True, $"the copy of {person["displayName"]} reads as the API does: {copy[id].ToJsonString()} vs {person.ToJsonString()}");
        }
    }

    [Test]
    public async Task TeamsAndCheckInsSyncByCursorAndByTime()
    {
        var first = await ExpectJsonAsync(await Org.Admin.PostAsJsonAsync("/api/v1/teams", new { name = "Alpha", slug = "alpha", parentId = Org.CompanyId }), HttpStatusCode.Created);
        await ExpectJsonAsync(await Org.Admin.PostAsJsonAsync("/api/v1/teams", new { name = "Beta", slug = "beta", parentId = Org.CompanyId }), HttpStatusCode.Created);
        var objective = await CompanyObjectiveAsync("Measured", Metric("Readings", "increase", 0, 100));
        var keyResult = objective["keyResults"]![0]!["id"]!.GetValue<string>();
        for (var value = 1; value <= 5; value++)
        {
            await ExpectAsync(await Org.Admin.PostAsJsonAsync($"/api/v1/key-results/{keyResult}/check-ins", new { value }), HttpStatusCode.Created);
        }

        await Task.Delay(20);
        var since = DateTimeOffset.UtcNow;
        await Task.Delay(20);
        await ExpectAsync(await Org.Admin.PostAsync($"/api/v1/teams/{Id(first)}/archive", null), HttpStatusCode.OK);
        await ExpectAsync(await Org.Admin.PostAsJsonAsync($"/api/v1/key-results/{keyResult}/check-ins", new { value = 6 }), HttpStatusCode.Created);

        var offsetTeams = (await ExpectJsonAsync(await Org.Admin.GetAsync("/api/v1/teams?includeArchived=true&pageSize=500"), HttpStatusCode.OK))["items"]!.AsArray();
        var crawledTeams = await AllPagesAsync(Org.Admin, "/api/v1/teams", "includeArchived=true");
        var offsetCheckIns = (await ExpectJsonAsync(await Org.Admin.GetAsync($"/api/v1/key-results/{keyResult}/check-ins?pageSize=500"), HttpStatusCode.OK))["items"]!.AsArray();
        var crawledCheckIns = await AllPagesAsync(Org.Admin, $"/api/v1/key-results/{keyResult}/check-ins", "");
        var archivedSince = await AllPagesAsync(Org.Admin, "/api/v1/teams", $"includeArchived=true&modifiedSince={Since(since)}");
        var activeSince = await AllPagesAsync(Org.Admin, "/api/v1/teams", $"modifiedSince={Since(since)}");
        var checkInsSince = await AllPagesAsync(Org.Admin, $"/api/v1/key-results/{keyResult}/check-ins", $"createdSince={Since(since)}");
        Assert.Multiple(() =>
        {
            Assert.That(crawledTeams.Select(Id), Is.EqualTo(offsetTeams.Select(t => Id(t!))), "by cursor, every team once, in the list's order (by name)");
            Assert.That(crawledCheckIns.Select(c => c["value"]!.GetValue<decimal>()), Is.EqualTo(new[] { 6m, 5m, 4m, 3m, 2m, 1m }));
            Assert.That(crawledCheckIns.Select(Id), Is.EqualTo(offsetCheckIns.Select(c => Id(c!))));
            Assert.That(archivedSince.Select(t => t["name"]!.GetValue<string>()), Is.EqualTo(new[] { "Alpha" }), "archiving is a change");
            Assert.That(activeSince, Is.Empty, "an archived team only with includeArchived");
            Assert.That(checkInsSince.Select(c => c["value"]!.GetValue<decimal>()), Is.EqualTo(new[] { 6m }));
        });
    }

    [TestCase("/api/v1/users?after=not-a-cursor", "after")]
    [TestCase("/api/v1/users?modifiedSince=yesterday", "modifiedSince")]
    [TestCase("/api/v1/teams?after=MTIzOjQ1Ng", "after")]
    [TestCase("/api/v1/teams?page=3&after=QWxwaGE6MDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDE", "page")]
    [TestCase("/api/v1/teams?modifiedSince=2026-03-07T10:00:00", "modifiedSince")]
    public async Task BadSyncParametersOfPeopleAndTeamsAre400NamingTheParameter(string url, string field) =>
        await ExpectProblemAsync(await Org.Admin.GetAsync(url), HttpStatusCode.BadRequest, field);

    [TestCase("after=QWxwaGE6MDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDE", "after")]
    [TestCase("createdSince=07.03.2026", "createdSince")]
    public async Task BadSyncParametersOfCheckInsAre400NamingTheParameter(string query, string field)
    {
        var objective = await CompanyObjectiveAsync("Measured", Metric("Readings", "increase", 0, 100));
        await ExpectProblemAsync(await Org.Admin.GetAsync($"/api/v1/key-results/{objective["keyResults"]![0]!["id"]}/check-ins?{query}"), HttpStatusCode.BadRequest, field);
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
