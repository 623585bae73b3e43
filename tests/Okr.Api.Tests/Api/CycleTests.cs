using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Okr.Api.Domain;
using Okr.Api.Tests.Infrastructure;

namespace Okr.Api.Tests.Api;

/// <summary>
/// The OKR cycle against the real database: what a period's state allows, closing a period, the closing review,
/// carry-over, due check-ins and period schedules (docs/method.md, "The cycle").
/// </summary>
public sealed class CycleTests : OrganisationTest
{
    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow);

    private async Task<Guid> PeriodAsync(string label, DateOnly start, DateOnly end, string? state = null)
    {
        var period = await ExpectJsonAsync(await Org.Admin.PostAsJsonAsync("/api/v1/periods", new { label, startDate = start, endDate = end }), HttpStatusCode.Created);
        if (state is not null) await MovePeriodAsync(Id(period), state);
        return Id(period);
    }

    private async Task<HttpResponseMessage> MovePeriodAsync(Guid period, string state)
    {
        var etag = (await Org.Admin.GetAsync($"/api/v1/periods/{period}")).Headers.ETag!.Tag;
        return await PatchAsync(Org.Admin, $"/api/v1/periods/{period}", new { state }, etag);
    }

    private static async Task<string> ETagAsync(HttpClient client, string url) => (await client.GetAsync(url)).Headers.ETag!.Tag;

    private static string KeyResult(JsonNode objective, int i = 0) => objective["keyResults"]![i]!["id"]!.GetValue<string>();

    [Test]
    public async Task APeriodInPlanningTakesObjectivesButNoCheckInsAndShowsNotStarted()
    {
        var planning = await PeriodAsync("Next", Today.AddDays(50), Today.AddDays(140));
        var objective = await CreateObjectiveAsync(Org.Lead, new
        {
            title = "Plan ahead", periodId = planning, teamId = Org.ProductId, keyResults = new[] { Metric("Signups", "increase", 0, 100) },
        });
        Assert.That(objective["status"]!.GetValue<string>(), Is.EqualTo("not_started"));
        Assert.That(objective["keyResults"]![0]!["status"]!.GetValue<string>(), Is.EqualTo("not_started"));
        Assert.That(objective["permissions"]!["canCheckIn"]!.GetValue<bool>(), Is.False);
        Assert.That(objective["keyResults"]![0]!["permissions"]!["canCheckIn"]!.GetValue<bool>(), Is.False);

        var refused = await ExpectProblemAsync(await Org.Lead.PostAsJsonAsync($"/api/v1/key-results/{KeyResult(objective)}/check-ins", new { value = 5 }),
            HttpStatusCode.UnprocessableEntity, "periodId");
        Assert.That(refused["errors"]!["periodId"]![0]!.GetValue<string>(), Does.Contain("has not started"));

        // Active, but its start date has not come: still not started.
        await ExpectAsync(await MovePeriodAsync(planning, "active"), HttpStatusCode.OK);
        var early = await ExpectJsonAsync(await Org.Lead.GetAsync($"/api/v1/objectives/{Id(objective)}"), HttpStatusCode.OK);
        Assert.That(early["status"]!.GetValue<string>(), Is.EqualTo("not_started"));
        await ExpectProblemAsync(await Org.Admin.PostAsJsonAsync($"/api/v1/key-results/{KeyResult(objective)}/check-ins", new { value = 5 }),
            HttpStatusCode.UnprocessableEntity, "periodId");
        var tree = await ExpectJsonAsync(await Org.Lead.GetAsync($"/api/v1/alignment?periodId={planning}"), HttpStatusCode.OK);
        Assert.That(tree["items"]![0]!["status"]!.GetValue<string>(), Is.EqualTo("not_started"));
    }

    [Test]
    public async Task ClosingAPeriodClosesAndScoresItsObjectivesArchivesDraftsAndIsReadOnlyAfterwards()
    {
        var company = await CompanyObjectiveAsync("Grow", Metric("Revenue", "increase", 0, 100));
        await ExpectAsync(await Org.Admin.PostAsJsonAsync($"/api/v1/key-results/{KeyResult(company)}/check-ins", new { value = 40 }), HttpStatusCode.Created);
        var scored = await ProductObjectiveAsync(null, "Scored before", Metric("NPS", "increase", 0, 10));
        await ExpectAsync(await PatchAsync(Org.Lead, $"/api/v1/objectives/{Id(scored)}", new { state = "closed", finalScore = 0.9, closingComment = "Good" },
            $"\"{scored["version"]}\""), HttpStatusCode.OK);
        var draft = await CreateObjectiveAsync(Org.Member, new { title = "Maybe", state = "draft", periodId = Org.PeriodId, teamId = Org.ProductId, ownerId = Org.MemberId });

        await ExpectAsync(await MovePeriodAsync(Org.PeriodId, "closed"), HttpStatusCode.OK);
        var closed = await ExpectJsonAsync(await Org.Member.GetAsync($"/api/v1/objectives/{Id(company)}"), HttpStatusCode.OK);
        Assert.That(closed["state"]!.GetValue<string>(), Is.EqualTo("closed"));
        Assert.That(closed["finalScore"]!.GetValue<decimal>(), Is.EqualTo(0.4m), "its progress");
        var kept = await ExpectJsonAsync(await Org.Lead.GetAsync($"/api/v1/objectives/{Id(scored)}"), HttpStatusCode.OK);
        Assert.That(kept["finalScore"]!.GetValue<decimal>(), Is.EqualTo(0.9m), "an outcome recorded before stays");
        var archived = await ExpectJsonAsync(await Org.Member.GetAsync($"/api/v1/objectives/{Id(draft)}"), HttpStatusCode.OK);
        Assert.That(archived["state"]!.GetValue<string>(), Is.EqualTo("archived"));
        var history = await ExpectJsonAsync(await Org.Admin.GetAsync($"/api/v1/audit?entityType=objective&entityId={Id(company)}"), HttpStatusCode.OK);
        Assert.That(history.ToJsonString(), Does.Contain("closed"), "the closing is audited");

        // Idempotent: closing again changes nothing; going back is refused.
        await ExpectAsync(await MovePeriodAsync(Org.PeriodId, "closed"), HttpStatusCode.OK);
        var again = await ExpectJsonAsync(await Org.Member.GetAsync($"/api/v1/objectives/{Id(company)}"), HttpStatusCode.OK);
        Assert.That(again["version"]!.GetValue<uint>(), Is.EqualTo(closed["version"]!.GetValue<uint>()));
        await ExpectProblemAsync(await MovePeriodAsync(Org.PeriodId, "active"), HttpStatusCode.UnprocessableEntity, "state");

        // Read-only for everyone but admins, naming the rule.
        Assert.That(again["permissions"]!["canEdit"]!.GetValue<bool>(), Is.False);
        var leadView = await ExpectJsonAsync(await Org.Lead.GetAsync($"/api/v1/objectives/{Id(kept)}"), HttpStatusCode.OK);
        Assert.That(leadView["permissions"]!["canEdit"]!.GetValue<bool>(), Is.False);
        Assert.That(leadView["permissions"]!["editableFields"]!.AsArray(), Is.Empty);
        var etag = await ETagAsync(Org.Lead, $"/api/v1/objectives/{Id(kept)}");
        var edit = await ExpectProblemAsync(await PatchAsync(Org.Lead, $"/api/v1/objectives/{Id(kept)}", new { title = "Later" }, etag), HttpStatusCode.UnprocessableEntity, "periodId");
        Assert.That(edit["errors"]!["periodId"]![0]!.GetValue<string>(), Does.Contain("The period is closed"));
        await ExpectProblemAsync(await Org.Lead.PostAsJsonAsync("/api/v1/objectives", new { title = "New", periodId = Org.PeriodId, teamId = Org.ProductId }),
            HttpStatusCode.UnprocessableEntity, "periodId");
        await ExpectProblemAsync(await Org.Lead.PostAsJsonAsync($"/api/v1/objectives/{Id(kept)}/key-results", Metric("More", "increase", 0, 1)),
            HttpStatusCode.UnprocessableEntity, "periodId");
        await ExpectProblemAsync(await Org.Lead.PostAsJsonAsync($"/api/v1/key-results/{KeyResult(kept)}/check-ins", new { value = 3 }),
            HttpStatusCode.UnprocessableEntity, "periodId");
        await ExpectProblemAsync(await Org.Lead.DeleteAsync($"/api/v1/key-results/{KeyResult(kept)}"), HttpStatusCode.UnprocessableEntity, "periodId");
        await ExpectProblemAsync(await Org.Lead.DeleteAsync($"/api/v1/objectives/{Id(kept)}"), HttpStatusCode.UnprocessableEntity, "periodId");
        var unchanged = await ExpectJsonAsync(await Org.Lead.GetAsync($"/api/v1/objectives/{Id(kept)}"), HttpStatusCode.OK);
        Assert.That(unchanged["keyResults"]!.AsArray(), Has.Count.EqualTo(1), "nothing written");

        // Admins correct.
        var adminEtag = await ETagAsync(Org.Admin, $"/api/v1/objectives/{Id(kept)}");
        await ExpectAsync(await PatchAsync(Org.Admin, $"/api/v1/objectives/{Id(kept)}", new { closingComment = "Corrected" }, adminEtag), HttpStatusCode.OK);
        await ExpectAsync(await Org.Admin.PostAsJsonAsync($"/api/v1/key-results/{KeyResult(kept)}/check-ins", new { value = 9 }), HttpStatusCode.Created);
    }

    [Test]
    public async Task TheClosingReviewSummarisesScoresAndMembersSeeTheirOwnAndTheirTeams()
    {
        var company = await CompanyObjectiveAsync("Grow", Metric("Revenue", "increase", 0, 100));
        await ExpectAsync(await Org.Admin.PostAsJsonAsync($"/api/v1/key-results/{KeyResult(company)}/check-ins", new { value = 80 }), HttpStatusCode.Created);
        var product = await ProductObjectiveAsync(null, "Ship", Metric("Features", "increase", 0, 10));
        await ExpectAsync(await Org.Lead.PostAsJsonAsync($"/api/v1/key-results/{KeyResult(product)}/check-ins", new { value = 2 }), HttpStatusCode.Created);
        await CreateObjectiveAsync(Org.Outsider, new { title = "Sell", periodId = Org.PeriodId, teamId = Org.SalesId, ownerId = Org.OutsiderId });

        var open = await ExpectJsonAsync(await Org.Lead.GetAsync($"/api/v1/periods/{Org.PeriodId}/review"), HttpStatusCode.OK);
        Assert.That(open["summary"]!["objectives"]!.GetValue<int>(), Is.EqualTo(3));
        Assert.That(open["summary"]!["scored"]!.GetValue<int>(), Is.EqualTo(0));
        Assert.That(open["summary"]!["averageScore"], Is.Null);
        var first = open["items"]![0]!;
        Assert.That(first["level"]!.GetValue<string>(), Is.EqualTo("company"), "company first");
        Assert.That(first["suggestedScore"]!.GetValue<decimal>(), Is.EqualTo(0.8m));
        Assert.That(first["finalScore"], Is.Null);

        await ExpectAsync(await MovePeriodAsync(Org.PeriodId, "closed"), HttpStatusCode.OK);
        var review = await ExpectJsonAsync(await Org.Admin.GetAsync($"/api/v1/periods/{Org.PeriodId}/review"), HttpStatusCode.OK);
        var summary = review["summary"]!;
        Assert.That(summary["closed"]!.GetValue<int>(), Is.EqualTo(3));
        Assert.That(summary["scored"]!.GetValue<int>(), Is.EqualTo(3));
        Assert.That(summary["achieved"]!.GetValue<int>(), Is.EqualTo(1), "0.8 ≥ 0.7");
        Assert.That(summary["missed"]!.GetValue<int>(), Is.EqualTo(2));
        Assert.That(summary["averageScore"]!.GetValue<decimal>(), Is.EqualTo(Math.Round((0.8m + 0.2m + 0m) / 3, 4)));

        // A member sees their own and their team's objectives, not the company's or another team's.
        var member = await ExpectJsonAsync(await Org.Member.GetAsync($"/api/v1/periods/{Org.PeriodId}/review"), HttpStatusCode.OK);
        Assert.That(member["items"]!.AsArray().Select(i => i!["title"]!.GetValue<string>()), Is.EquivalentTo(new[] { "Ship" }));
        var paged = await ExpectJsonAsync(await Org.Admin.GetAsync($"/api/v1/periods/{Org.PeriodId}/review?pageSize=1&page=2"), HttpStatusCode.OK);
        Assert.That(paged["items"]!.AsArray(), Has.Count.EqualTo(1));
        Assert.That(paged["totalCount"]!.GetValue<int>(), Is.EqualTo(3));
        Assert.That(paged["summary"]!["objectives"]!.GetValue<int>(), Is.EqualTo(3), "the summary counts every page");
        await ExpectProblemAsync(await Org.Admin.GetAsync($"/api/v1/periods/{Guid.NewGuid()}/review"), HttpStatusCode.NotFound);
    }

    [Test]
    public async Task CarryingOverCopiesWhatIsUnfinishedLinksBothAndClosesTheOriginal()
    {
        var next = await PeriodAsync("Next", Today.AddDays(46), Today.AddDays(136));
        var company = await CompanyObjectiveAsync("Grow");
        // Weighed in by an admin; the lead carries it, and the weight comes along.
        var product = await CreateObjectiveAsync(Org.Admin, new
        {
            title = "Ship", description = "Why", periodId = Org.PeriodId, teamId = Org.ProductId, parentId = Id(company), weight = 2,
            keyResults = new[] { Metric("Features", "increase", 0, 10), Metric("Bugs", "decrease", 50, 10) },
        });
        await ExpectAsync(await Org.Lead.PostAsJsonAsync($"/api/v1/key-results/{KeyResult(product)}/check-ins", new { value = 10 }), HttpStatusCode.Created);
        await ExpectAsync(await Org.Lead.PostAsJsonAsync($"/api/v1/key-results/{KeyResult(product, 1)}/check-ins", new { value = 30 }), HttpStatusCode.Created);

        // The parent first, so the child's copy aligns to the parent's copy.
        var companyCopy = await ExpectJsonAsync(await Org.Admin.PostAsJsonAsync($"/api/v1/objectives/{Id(company)}/carry-over", new { periodId = next }), HttpStatusCode.Created);
        var response = await Org.Lead.PostAsJsonAsync($"/api/v1/objectives/{Id(product)}/carry-over", new { periodId = next });
        var copy = await ExpectJsonAsync(response, HttpStatusCode.Created);
        Assert.That(response.Headers.Location!.ToString(), Does.EndWith($"/objectives/{Id(copy)}"));
        Assert.Multiple(() =>
        {
            Assert.That(copy["periodId"]!.GetValue<string>(), Is.EqualTo(next.ToString()));
            Assert.That(copy["title"]!.GetValue<string>(), Is.EqualTo("Ship"));
            Assert.That(copy["description"]!.GetValue<string>(), Is.EqualTo("Why"));
            Assert.That(copy["weight"]!.GetValue<decimal>(), Is.EqualTo(2));
            Assert.That(copy["state"]!.GetValue<string>(), Is.EqualTo("active"));
            Assert.That(copy["parentId"]!.GetValue<string>(), Is.EqualTo(Id(companyCopy).ToString()));
            Assert.That(copy["carriedOverFromId"]!.GetValue<string>(), Is.EqualTo(Id(product).ToString()));
            // The done key result stays behind; the other starts where it got to.
            Assert.That(copy["keyResults"]!.AsArray(), Has.Count.EqualTo(1));
            Assert.That(copy["keyResults"]![0]!["title"]!.GetValue<string>(), Is.EqualTo("Bugs"));
            Assert.That(copy["keyResults"]![0]!["baseline"]!.GetValue<decimal>(), Is.EqualTo(30));
            Assert.That(copy["keyResults"]![0]!["target"]!.GetValue<decimal>(), Is.EqualTo(10));
        });
        var original = await ExpectJsonAsync(await Org.Lead.GetAsync($"/api/v1/objectives/{Id(product)}"), HttpStatusCode.OK);
        Assert.That(original["carriedOverToId"]!.GetValue<string>(), Is.EqualTo(Id(copy).ToString()));
        Assert.That(original["state"]!.GetValue<string>(), Is.EqualTo("closed"));
        Assert.That(original["finalScore"]!.GetValue<decimal>(), Is.EqualTo(0.75m), "(1 + 0.5) / 2");

        var twice = await ExpectProblemAsync(await Org.Lead.PostAsJsonAsync($"/api/v1/objectives/{Id(product)}/carry-over", new { periodId = next }), HttpStatusCode.Conflict);
        Assert.That(twice["detail"]!.GetValue<string>(), Does.Contain("already carried over"));
    }

    [Test]
    public async Task CarryOverRefusesBadTargetsAndOthersObjectivesWithoutWritingAnything()
    {
        var closedPeriod = await PeriodAsync("Old", Today.AddDays(-200), Today.AddDays(-110), "closed");
        var product = await ProductObjectiveAsync(null, "Ship", Metric("Features", "increase", 0, 10));
        await ExpectProblemAsync(await Org.Lead.PostAsJsonAsync($"/api/v1/objectives/{Id(product)}/carry-over", new { periodId = Org.PeriodId }),
            HttpStatusCode.UnprocessableEntity, "periodId");
        await ExpectProblemAsync(await Org.Lead.PostAsJsonAsync($"/api/v1/objectives/{Id(product)}/carry-over", new { periodId = closedPeriod }),
            HttpStatusCode.UnprocessableEntity, "periodId");
        await ExpectProblemAsync(await Org.Lead.PostAsJsonAsync($"/api/v1/objectives/{Id(product)}/carry-over", new { periodId = Guid.NewGuid() }),
            HttpStatusCode.UnprocessableEntity, "periodId");
        await ExpectProblemAsync(await Org.Lead.PostAsJsonAsync($"/api/v1/objectives/{Id(product)}/carry-over", new { }), HttpStatusCode.BadRequest, "periodId");
        var next = await PeriodAsync("Next", Today.AddDays(46), Today.AddDays(136));
        await ExpectProblemAsync(await Org.Outsider.PostAsJsonAsync($"/api/v1/objectives/{Id(product)}/carry-over", new { periodId = next }), HttpStatusCode.Forbidden);
        var draft = await CreateObjectiveAsync(Org.Lead, new { title = "Draft", state = "draft", periodId = Org.PeriodId, teamId = Org.ProductId });
        await ExpectProblemAsync(await Org.Lead.PostAsJsonAsync($"/api/v1/objectives/{Id(draft)}/carry-over", new { periodId = next }), HttpStatusCode.UnprocessableEntity, "state");

        var unchanged = await ExpectJsonAsync(await Org.Lead.GetAsync($"/api/v1/objectives/{Id(product)}"), HttpStatusCode.OK);
        Assert.That(unchanged["state"]!.GetValue<string>(), Is.EqualTo("active"));
        Assert.That(unchanged["carriedOverToId"], Is.Null);
        var inNext = await ExpectJsonAsync(await Org.Admin.GetAsync($"/api/v1/objectives?periodId={next}"), HttpStatusCode.OK);
        Assert.That(inNext["items"]!.AsArray(), Is.Empty);
    }

    [Test]
    public async Task ABulkCarryOverTakesEveryUnfinishedObjectiveInOneGoAndSaysWhatItSkipped()
    {
        var next = await PeriodAsync("Next", Today.AddDays(46), Today.AddDays(136));
        var company = await CompanyObjectiveAsync("Grow", Metric("Revenue", "increase", 0, 100));
        var child = await ProductObjectiveAsync(Id(company), "Ship", Metric("Features", "increase", 0, 10));
        var done = await ProductObjectiveAsync(null, "Done", Metric("All", "increase", 0, 1));
        await ExpectAsync(await Org.Lead.PostAsJsonAsync($"/api/v1/key-results/{KeyResult(done)}/check-ins", new { value = 1 }), HttpStatusCode.Created);

        await ExpectAsync(await MovePeriodAsync(Org.PeriodId, "closed"), HttpStatusCode.OK);
        var result = await ExpectJsonAsync(await Org.Admin.PostAsJsonAsync($"/api/v1/periods/{Org.PeriodId}/carry-over", new { toPeriodId = next }), HttpStatusCode.OK);
        var carried = result["carried"]!.AsArray().ToDictionary(c => Guid.Parse(c!["fromId"]!.GetValue<string>()), c => Guid.Parse(c!["toId"]!.GetValue<string>()));
        Assert.That(carried.Keys, Is.EquivalentTo(new[] { Id(company), Id(child) }), "the finished one stays");
        var childCopy = await ExpectJsonAsync(await Org.Admin.GetAsync($"/api/v1/objectives/{carried[Id(child)]}"), HttpStatusCode.OK);
        Assert.That(childCopy["parentId"]!.GetValue<string>(), Is.EqualTo(carried[Id(company)].ToString()));

        // Listed: each one that cannot go is named with its reason.
        var listed = await ExpectJsonAsync(await Org.Admin.PostAsJsonAsync($"/api/v1/periods/{Org.PeriodId}/carry-over",
            new { toPeriodId = next, objectiveIds = new[] { Id(company), Id(done), Guid.NewGuid() } }), HttpStatusCode.OK);
        Assert.That(listed["carried"]!.AsArray(), Is.Empty);
        Assert.That(listed["skipped"]!.AsArray().Select(s => s!["reason"]!.GetValue<string>()),
            Has.Some.Contains("already carried over").And.Some.Contains("done").And.Some.Contains("No such objective"));
        await ExpectProblemAsync(await Org.Admin.PostAsJsonAsync($"/api/v1/periods/{Org.PeriodId}/carry-over", new { toPeriodId = Org.PeriodId }),
            HttpStatusCode.UnprocessableEntity, "toPeriodId");
    }

    [Test]
    public async Task DueCheckInsListWhatIsOverdueForItsOwnerAndForTheTeamsLeads()
    {
        var team = await SinceThePeriodStartedAsync(() => ProductObjectiveAsync(null, "Team goal", Metric("Nobody's", "increase", 0, 10), Metric("Member's", "increase", 0, 10, ownerId: Org.MemberId)));
        var mine = await SinceThePeriodStartedAsync(() => CreateObjectiveAsync(Org.Member, new
        {
            title = "Mine", periodId = Org.PeriodId, teamId = Org.ProductId, ownerId = Org.MemberId,
            keyResults = new[] { Metric("Fresh", "increase", 0, 10), Metric("Old", "increase", 0, 10) },
        }));
        // Added today: measured from today, so nothing is due yet.
        await ProductObjectiveAsync(null, "New today", Metric("Brand new", "increase", 0, 10, ownerId: Org.MemberId));
        await ExpectAsync(await Org.Member.PostAsJsonAsync($"/api/v1/key-results/{KeyResult(mine)}/check-ins", new { value = 1 }), HttpStatusCode.Created);

        var due = await ExpectJsonAsync(await Org.Member.GetAsync("/api/v1/due-check-ins"), HttpStatusCode.OK);
        var titles = due["items"]!.AsArray().Select(i => i!["title"]!.GetValue<string>()).ToList();
        Assert.That(titles, Is.EquivalentTo(new[] { "Old", "Member's" }), "the period started 45 days ago, cadence 7; the fresh one was just checked in");
        var old = due["items"]![0]!;
        Assert.That(old["daysOverdue"]!.GetValue<int>(), Is.EqualTo(38));
        Assert.That(old["lastCheckInAt"], Is.Null);
        Assert.That(DateTimeOffset.Parse(old["dueSince"]!.GetValue<string>()), Is.EqualTo(new DateTimeOffset(Today.AddDays(-45).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).AddDays(7)).Within(TimeSpan.FromSeconds(1)));

        var forTeam = await ExpectJsonAsync(await Org.Lead.GetAsync($"/api/v1/due-check-ins?teamId={Org.ProductId}"), HttpStatusCode.OK);
        Assert.That(forTeam["totalCount"]!.GetValue<int>(), Is.EqualTo(3));
        await ExpectProblemAsync(await Org.Member.GetAsync($"/api/v1/due-check-ins?teamId={Org.ProductId}"), HttpStatusCode.Forbidden);
        var leadsOwn = await ExpectJsonAsync(await Org.Lead.GetAsync("/api/v1/due-check-ins"), HttpStatusCode.OK);
        Assert.That(leadsOwn["items"]!.AsArray(), Is.Empty, "a team key result nobody owns is the team's, not the lead's own");

        // Closed objectives never ask for anything.
        await ExpectAsync(await PatchAsync(Org.Lead, $"/api/v1/objectives/{Id(team)}", new { state = "closed" }, await ETagAsync(Org.Lead, $"/api/v1/objectives/{Id(team)}")),
            HttpStatusCode.OK);
        var after = await ExpectJsonAsync(await Org.Member.GetAsync("/api/v1/due-check-ins"), HttpStatusCode.OK);
        Assert.That(after["items"]!.AsArray().Select(i => i!["title"]!.GetValue<string>()), Is.EquivalentTo(new[] { "Old" }));
        // ... and stop nagging everywhere: closed, not "at risk", and never "needs a check-in".
        var closed = await ExpectJsonAsync(await Org.Member.GetAsync($"/api/v1/objectives/{Id(team)}"), HttpStatusCode.OK);
        Assert.That(closed["status"]!.GetValue<string>(), Is.EqualTo("closed"));
        Assert.That(closed["keyResults"]!.AsArray().Select(k => (k!["status"]!.GetValue<string>(), k["stale"]!.GetValue<bool>())), Is.All.EqualTo(("closed", false)));
        var tree = await ExpectJsonAsync(await Org.Member.GetAsync($"/api/v1/alignment?periodId={Org.PeriodId}"), HttpStatusCode.OK);
        Assert.That(tree["items"]!.AsArray().Single(n => n!["id"]!.GetValue<string>() == Id(team).ToString())!["status"]!.GetValue<string>(), Is.EqualTo("closed"));
        var fresh = await ExpectJsonAsync(await Org.Member.GetAsync("/api/v1/objectives?q=New%20today"), HttpStatusCode.OK);
        Assert.That(fresh["items"]![0]!["keyResults"]![0]!["status"]!.GetValue<string>(), Is.EqualTo("not_started"), "added today, two weeks past the midpoint: not at risk");
    }

    [Test]
    public async Task PeriodSchedulesAreGeneratedWithCalendarLabelsSkippingThoseThatExist()
    {
        await PeriodAsync("2031 Q2", new DateOnly(2031, 4, 1), new DateOnly(2031, 6, 30));
        var result = await ExpectJsonAsync(await Org.Admin.PostAsJsonAsync("/api/v1/periods/generate", new { cadence = "quarter", from = "2031-01-01", count = 4 }),
            HttpStatusCode.Created);
        Assert.That(result["created"]!.AsArray().Select(p => p!["label"]!.GetValue<string>()), Is.EqualTo(new[] { "2031 Q1", "2031 Q3", "2031 Q4" }));
        Assert.That(result["skipped"]!.AsArray().Select(s => s!.GetValue<string>()), Is.EqualTo(new[] { "2031 Q2" }));
        var q4 = result["created"]![2]!;
        Assert.That(q4["startDate"]!.GetValue<string>(), Is.EqualTo("2031-10-01"));
        Assert.That(q4["endDate"]!.GetValue<string>(), Is.EqualTo("2031-12-31"));
        Assert.That(q4["state"]!.GetValue<string>(), Is.EqualTo("planning"));

        var months = await ExpectJsonAsync(await Org.Admin.PostAsJsonAsync("/api/v1/periods/generate", new { cadence = "month", from = "2032-02-01", count = 1 }), HttpStatusCode.Created);
        Assert.That(months["created"]![0]!["label"]!.GetValue<string>(), Is.EqualTo("February 2032"));
        Assert.That(months["created"]![0]!["endDate"]!.GetValue<string>(), Is.EqualTo("2032-02-29"));
        var halves = await ExpectJsonAsync(await Org.Admin.PostAsJsonAsync("/api/v1/periods/generate", new { cadence = "half_year", from = "2033-07-01", count = 1 }), HttpStatusCode.Created);
        Assert.That(halves["created"]![0]!["label"]!.GetValue<string>(), Is.EqualTo("2033 H2"));

        await ExpectProblemAsync(await Org.Admin.PostAsJsonAsync("/api/v1/periods/generate", new { cadence = "quarter", from = "2031-01-15", count = 1 }), HttpStatusCode.BadRequest, "from");
        await ExpectProblemAsync(await Org.Admin.PostAsJsonAsync("/api/v1/periods/generate", new { cadence = "quarter", from = "2031-01-01", count = 0 }), HttpStatusCode.BadRequest, "count");
        await ExpectProblemAsync(await Org.Admin.PostAsJsonAsync("/api/v1/periods/generate", new { cadence = "weekly", from = "2031-01-01", count = 1 }), HttpStatusCode.BadRequest, "cadence");
        await ExpectProblemAsync(await Org.Lead.PostAsJsonAsync("/api/v1/periods/generate", new { cadence = "month", from = "2031-01-01", count = 1 }), HttpStatusCode.Forbidden);
    }
}
