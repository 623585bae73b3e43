using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Okr.Api.Tests.Infrastructure;

namespace Okr.Api.Tests.Api;

public sealed class ObjectivesTests : OrganisationTest
{
    [Test]
    public async Task CreatesAnObjectiveWithItsKeyResultsInOneRequest()
    {
        var objective = await CompanyObjectiveAsync("Improve customer retention",
            Metric("Improve customer feedback score from 7.2 to 8.5", "increase", 7.2m, 8.5m),
            Metric("Reduce churn from 8% to 5%", "decrease", 8, 5, "percent"));

        Assert.Multiple(() =>
        {
            Assert.That(objective["level"]!.GetValue<string>(), Is.EqualTo("company"));
            Assert.That(objective["state"]!.GetValue<string>(), Is.EqualTo("active"));
            Assert.That(objective["weight"]!.GetValue<decimal>(), Is.EqualTo(1m));
            Assert.That(objective["progress"]!.GetValue<decimal>(), Is.EqualTo(0m));
            // Halfway through the period, but its key results were added just now: their pace starts today.
            Assert.That(objective["expectedProgress"]!.GetValue<decimal>(), Is.LessThan(0.001m));
            Assert.That(objective["status"]!.GetValue<string>(), Is.EqualTo("not_started"), "not at risk at birth");
            Assert.That(objective["version"]!.GetValue<uint>(), Is.GreaterThan(0));
            var keyResults = objective["keyResults"]!.AsArray();
            Assert.That(keyResults, Has.Count.EqualTo(2));
            Assert.That(keyResults[1]!["direction"]!.GetValue<string>(), Is.EqualTo("decrease"));
            Assert.That(keyResults[1]!["currentValue"]!.GetValue<decimal>(), Is.EqualTo(8m));
            Assert.That(keyResults[1]!["unit"]!.GetValue<string>(), Is.EqualTo("percent"));
            Assert.That(keyResults[1]!["confidence"], Is.Null);
        });
    }

    [Test]
    public async Task CreatedObjectiveCanBeReadBackWithAnETag()
    {
        var created = await CompanyObjectiveAsync();
        var response = await Org.Member.GetAsync($"/api/v1/objectives/{Id(created)}");
        var read = await ExpectJsonAsync(response, HttpStatusCode.OK);
        Assert.That(read["title"]!.GetValue<string>(), Is.EqualTo("Grow the business"));
        Assert.That(response.Headers.ETag!.Tag, Is.EqualTo($"\"{read["version"]}\""));
    }

    [Test]
    public async Task Returns422WhenKeyResultHasNoTarget()
    {
        var response = await Org.Admin.PostAsJsonAsync("/api/v1/objectives", new
        {
            title = "Grow", periodId = Org.PeriodId, teamId = Org.CompanyId,
            keyResults = new object[] { Metric("ok", "increase", 1, 2), new { title = "no target", direction = "increase", baseline = 40 } },
        });
        var problem = await ExpectProblemAsync(response, HttpStatusCode.UnprocessableEntity, "keyResults[1].target");
        Assert.That(problem["detail"]!.GetValue<string>(), Does.Contain("target"));
        await AssertNoObjectivesAsync();
    }

    [Test]
    public async Task Returns422WhenDirectionContradictsTheNumbers() =>
        await ExpectProblemAsync(await Org.Admin.PostAsJsonAsync("/api/v1/objectives", new
        {
            title = "Grow", periodId = Org.PeriodId, teamId = Org.CompanyId,
            keyResults = new[] { Metric("Reduce churn from 8% to 5%", "increase", 8, 5) },
        }), HttpStatusCode.UnprocessableEntity, "keyResults[0].target");

    [Test]
    public async Task Returns400NamingEveryInvalidField()
    {
        var response = await Org.Admin.PostAsJsonAsync("/api/v1/objectives", new
        {
            title = new string('x', 201), periodId = Org.PeriodId, teamId = Org.CompanyId, weight = -1,
            keyResults = new[] { new { title = "", unit = "currency", currencyCode = "euro" } },
        });
        var problem = await ExpectProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.That(problem["errors"]!.AsObject().Select(e => e.Key),
            Is.SupersetOf(new[] { "title", "weight", "keyResults[0].title", "keyResults[0].currencyCode" }));
        await AssertNoObjectivesAsync();
    }

    [Test]
    public async Task Returns422ForIdsThatDoNotExist()
    {
        await ExpectProblemAsync(await Org.Admin.PostAsJsonAsync("/api/v1/objectives",
            new { title = "x", periodId = Guid.NewGuid(), teamId = Org.CompanyId }), HttpStatusCode.UnprocessableEntity, "periodId");
        await ExpectProblemAsync(await Org.Admin.PostAsJsonAsync("/api/v1/objectives",
            new { title = "x", periodId = Org.PeriodId, teamId = Guid.NewGuid() }), HttpStatusCode.UnprocessableEntity, "teamId");
        await ExpectProblemAsync(await Org.Admin.PostAsJsonAsync("/api/v1/objectives",
            new { title = "x", periodId = Org.PeriodId, teamId = Org.CompanyId, parentId = Guid.NewGuid() }), HttpStatusCode.UnprocessableEntity, "parentId");
        await ExpectProblemAsync(await Org.Admin.PostAsJsonAsync("/api/v1/objectives",
            new { title = "x", periodId = Org.PeriodId, teamId = Org.ProductId, ownerId = Org.OutsiderId }), HttpStatusCode.UnprocessableEntity, "ownerId");
    }

    [Test]
    public async Task IndividualObjectiveAlignsToTeamObjectiveWhichAlignsToCompany()
    {
        var company = await CompanyObjectiveAsync();
        var team = await ProductObjectiveAsync(Id(company));
        var mine = await CreateObjectiveAsync(Org.Member, new { title = "Learn the billing code", periodId = Org.PeriodId, teamId = Org.ProductId, ownerId = Org.MemberId, parentId = Id(team) });
        Assert.That(team["level"]!.GetValue<string>(), Is.EqualTo("team"));
        Assert.That(mine["level"]!.GetValue<string>(), Is.EqualTo("individual"));
        Assert.That(Guid.Parse(mine["parentId"]!.GetValue<string>()), Is.EqualTo(Id(team)));
    }

    [Test]
    public async Task Returns422WhenAligningToALowerLevel()
    {
        var team = await ProductObjectiveAsync(null);
        var response = await Org.Admin.PostAsJsonAsync("/api/v1/objectives", new { title = "x", periodId = Org.PeriodId, teamId = Org.CompanyId, parentId = Id(team) });
        var problem = await ExpectProblemAsync(response, HttpStatusCode.UnprocessableEntity, "parentId");
        Assert.That(problem["detail"]!.GetValue<string>(), Does.Contain("higher level"));
    }

    [Test]
    public async Task Returns422WhenAnUpdateWouldFormACycle()
    {
        // Company > Product team objective; then try to make the company objective's parent... impossible by level,
        // so build the cycle among team objectives of nested teams: Product (parent) and Growth (child, under Product).
        var growth = await ExpectJsonAsync(await Org.Admin.PostAsJsonAsync("/api/v1/teams", new { name = "Growth", slug = "growth", parentId = Org.ProductId }), HttpStatusCode.Created);
        var upper = await ProductObjectiveAsync(null, "Upper");
        var lower = await CreateObjectiveAsync(Org.Admin, new { title = "Lower", periodId = Org.PeriodId, teamId = Id(growth), parentId = Id(upper) });
        var version = (await Org.Admin.GetAsync($"/api/v1/objectives/{Id(upper)}")).Headers.ETag!.Tag;
        var response = await PatchAsync(Org.Admin, $"/api/v1/objectives/{Id(upper)}", new { parentId = Id(lower) }, version);
        await ExpectProblemAsync(response, HttpStatusCode.UnprocessableEntity, "parentId");
    }

    [Test]
    public async Task UpdateChangesOnlyTheFieldsSentAndBumpsTheVersion()
    {
        var created = await CreateObjectiveAsync(Org.Admin, new { title = "Old", description = "keep me", periodId = Org.PeriodId, teamId = Org.CompanyId });
        var etag = $"\"{created["version"]}\"";
        var response = await PatchAsync(Org.Admin, $"/api/v1/objectives/{Id(created)}", new { title = "New", weight = 2 }, etag);
        var updated = await ExpectJsonAsync(response, HttpStatusCode.OK);
        Assert.Multiple(() =>
        {
            Assert.That(updated["title"]!.GetValue<string>(), Is.EqualTo("New"));
            Assert.That(updated["weight"]!.GetValue<decimal>(), Is.EqualTo(2m));
            Assert.That(updated["description"]!.GetValue<string>(), Is.EqualTo("keep me"));
            Assert.That(updated["version"]!.GetValue<uint>(), Is.Not.EqualTo(created["version"]!.GetValue<uint>()));
            Assert.That(response.Headers.ETag!.Tag, Is.EqualTo($"\"{updated["version"]}\""));
        });

        var cleared = await ExpectJsonAsync(await PatchAsync(Org.Admin, $"/api/v1/objectives/{Id(created)}", new { description = (string?)null },
            response.Headers.ETag!.Tag), HttpStatusCode.OK);
        Assert.That(cleared["description"], Is.Null);
    }

    [Test]
    public async Task Returns412WhenTheVersionIsStaleAndChangesNothing()
    {
        var created = await CompanyObjectiveAsync();
        var etag = $"\"{created["version"]}\"";
        await ExpectAsync(await PatchAsync(Org.Admin, $"/api/v1/objectives/{Id(created)}", new { title = "First editor" }, etag), HttpStatusCode.OK);
        var response = await PatchAsync(Org.Admin, $"/api/v1/objectives/{Id(created)}", new { title = "Second editor" }, etag);
        await ExpectProblemAsync(response, HttpStatusCode.PreconditionFailed);
        var read = await ExpectJsonAsync(await Org.Admin.GetAsync($"/api/v1/objectives/{Id(created)}"), HttpStatusCode.OK);
        Assert.That(read["title"]!.GetValue<string>(), Is.EqualTo("First editor"));
    }

    [Test]
    public async Task Returns428WithoutIfMatch()
    {
        var created = await CompanyObjectiveAsync();
        await ExpectProblemAsync(await PatchAsync(Org.Admin, $"/api/v1/objectives/{Id(created)}", new { title = "x" }, null), (HttpStatusCode)428);
    }

    [Test]
    public async Task Returns400ForUnknownOrNullRequiredFieldsInAnUpdate()
    {
        var created = await CompanyObjectiveAsync();
        var etag = $"\"{created["version"]}\"";
        await ExpectProblemAsync(await PatchAsync(Org.Admin, $"/api/v1/objectives/{Id(created)}", new { titel = "typo" }, etag), HttpStatusCode.BadRequest, "titel");
        await ExpectProblemAsync(await PatchAsync(Org.Admin, $"/api/v1/objectives/{Id(created)}", new { title = (string?)null }, etag), HttpStatusCode.BadRequest, "title");
        await ExpectProblemAsync(await PatchAsync(Org.Admin, $"/api/v1/objectives/{Id(created)}", new { state = "finished" }, etag), HttpStatusCode.BadRequest, "state");
    }

    [Test]
    public async Task ClosingRecordsTheOutcome()
    {
        var created = await CompanyObjectiveAsync("Grow", Metric("Revenue", "increase", 0, 100));
        var closed = await ExpectJsonAsync(await PatchAsync(Org.Admin, $"/api/v1/objectives/{Id(created)}",
            new { state = "closed", finalScore = 0.7, closingComment = "Good quarter" }, $"\"{created["version"]}\""), HttpStatusCode.OK);
        Assert.That(closed["state"]!.GetValue<string>(), Is.EqualTo("closed"));
        Assert.That(closed["finalScore"]!.GetValue<decimal>(), Is.EqualTo(0.7m));
        Assert.That(closed["closingComment"]!.GetValue<string>(), Is.EqualTo("Good quarter"));
    }

    [Test]
    public async Task ListFiltersAndPagesInTheDatabase()
    {
        var company = await CompanyObjectiveAsync("Company goal");
        for (var i = 0; i < 3; i++) await ProductObjectiveAsync(Id(company), $"Product goal {i}");
        await CreateObjectiveAsync(Org.Member, new { title = "My own goal", periodId = Org.PeriodId, teamId = Org.ProductId, ownerId = Org.MemberId });

        var page = await ExpectJsonAsync(await Org.Member.GetAsync($"/api/v1/objectives?periodId={Org.PeriodId}&teamId={Org.ProductId}&pageSize=2&page=2"), HttpStatusCode.OK);
        Assert.That(page["totalCount"]!.GetValue<int>(), Is.EqualTo(4));
        Assert.That(page["items"]!.AsArray(), Has.Count.EqualTo(2));
        Assert.That(page["page"]!.GetValue<int>(), Is.EqualTo(2));

        var children = await ExpectJsonAsync(await Org.Member.GetAsync($"/api/v1/objectives?parentId={Id(company)}"), HttpStatusCode.OK);
        Assert.That(children["totalCount"]!.GetValue<int>(), Is.EqualTo(3));
        var mine = await ExpectJsonAsync(await Org.Member.GetAsync($"/api/v1/objectives?ownerId={Org.MemberId}"), HttpStatusCode.OK);
        Assert.That(mine["items"]![0]!["title"]!.GetValue<string>(), Is.EqualTo("My own goal"));
        var search = await ExpectJsonAsync(await Org.Member.GetAsync("/api/v1/objectives?q=goal%201"), HttpStatusCode.OK);
        Assert.That(search["totalCount"]!.GetValue<int>(), Is.EqualTo(1));
        var percent = await ExpectJsonAsync(await Org.Member.GetAsync("/api/v1/objectives?q=%25"), HttpStatusCode.OK);
        Assert.That(percent["totalCount"]!.GetValue<int>(), Is.EqualTo(0), "% is searched literally");
    }

    [Test]
    public async Task ListRefusesBadPaging()
    {
        await ExpectProblemAsync(await Org.Member.GetAsync("/api/v1/objectives?pageSize=0"), HttpStatusCode.BadRequest, "pageSize");
        await ExpectProblemAsync(await Org.Member.GetAsync("/api/v1/objectives?pageSize=100000"), HttpStatusCode.BadRequest, "pageSize");
        await ExpectProblemAsync(await Org.Member.GetAsync("/api/v1/objectives?page=-1"), HttpStatusCode.BadRequest, "page");
        await ExpectProblemAsync(await Org.Member.GetAsync("/api/v1/objectives?periodId=not-a-guid"), HttpStatusCode.BadRequest, "periodId");
        await ExpectProblemAsync(await Org.Member.GetAsync("/api/v1/objectives?state=nope"), HttpStatusCode.BadRequest, "state");
    }

    [Test]
    public async Task ArchivedObjectivesLeaveTheDefaultList()
    {
        var created = await CompanyObjectiveAsync();
        await ExpectAsync(await PatchAsync(Org.Admin, $"/api/v1/objectives/{Id(created)}", new { state = "archived" }, $"\"{created["version"]}\""), HttpStatusCode.OK);
        var list = await ExpectJsonAsync(await Org.Admin.GetAsync("/api/v1/objectives"), HttpStatusCode.OK);
        Assert.That(list["totalCount"]!.GetValue<int>(), Is.EqualTo(0));
        var archived = await ExpectJsonAsync(await Org.Admin.GetAsync("/api/v1/objectives?state=archived"), HttpStatusCode.OK);
        Assert.That(archived["totalCount"]!.GetValue<int>(), Is.EqualTo(1));
    }

    [Test]
    public async Task DeleteRemovesTheObjectiveAndDetachesItsChildren()
    {
        var company = await CompanyObjectiveAsync("Company", Metric("k", "increase", 0, 10));
        var child = await ProductObjectiveAsync(Id(company));
        await ExpectAsync(await Org.Admin.DeleteAsync($"/api/v1/objectives/{Id(company)}"), HttpStatusCode.NoContent);
        await ExpectProblemAsync(await Org.Admin.GetAsync($"/api/v1/objectives/{Id(company)}"), HttpStatusCode.NotFound);
        var orphan = await ExpectJsonAsync(await Org.Admin.GetAsync($"/api/v1/objectives/{Id(child)}"), HttpStatusCode.OK);
        Assert.That(orphan["parentId"], Is.Null);
    }

    [Test]
    public async Task MembersWriteOnlyWhatTheyOwn()
    {
        // A member may not create a team objective, nor someone else's individual objective.
        await ExpectProblemAsync(await Org.Member.PostAsJsonAsync("/api/v1/objectives",
            new { title = "x", periodId = Org.PeriodId, teamId = Org.ProductId }), HttpStatusCode.Forbidden);
        await ExpectProblemAsync(await Org.Member.PostAsJsonAsync("/api/v1/objectives",
            new { title = "x", periodId = Org.PeriodId, teamId = Org.ProductId, ownerId = Org.LeadId }), HttpStatusCode.Forbidden);

        // The lead may write the team's objectives; the outsider may not touch them.
        var team = await ProductObjectiveAsync(null);
        await ExpectProblemAsync(await PatchAsync(Org.Outsider, $"/api/v1/objectives/{Id(team)}", new { title = "mine now" }, $"\"{team["version"]}\""),
            HttpStatusCode.Forbidden);
        await ExpectProblemAsync(await Org.Outsider.DeleteAsync($"/api/v1/objectives/{Id(team)}"), HttpStatusCode.Forbidden);
        var read = await ExpectJsonAsync(await Org.Outsider.GetAsync($"/api/v1/objectives/{Id(team)}"), HttpStatusCode.OK);
        Assert.That(read["title"]!.GetValue<string>(), Is.EqualTo(team["title"]!.GetValue<string>()));
    }

    [Test]
    public async Task Returns404ForAnUnknownObjective() =>
        await ExpectProblemAsync(await Org.Member.GetAsync($"/api/v1/objectives/{Guid.NewGuid()}"), HttpStatusCode.NotFound);

    [Test]
    public async Task Returns409ForADuplicateExternalId()
    {
        await CreateObjectiveAsync(Org.Admin, new { title = "a", periodId = Org.PeriodId, teamId = Org.CompanyId, externalId = "OKR-1" });
        await ExpectProblemAsync(await Org.Admin.PostAsJsonAsync("/api/v1/objectives",
            new { title = "b", periodId = Org.PeriodId, teamId = Org.CompanyId, externalId = "OKR-1" }), HttpStatusCode.Conflict, "externalId");
    }

    private async Task AssertNoObjectivesAsync()
    {
        var list = await ExpectJsonAsync(await Org.Admin.GetAsync("/api/v1/objectives"), HttpStatusCode.OK);
        Assert.That(list["totalCount"]!.GetValue<int>(), Is.EqualTo(0), "a refused request must change nothing");
    }

    [Test]
    public async Task AListFindsTheObjectivesWhereSomeoneOwnsAKeyResult()
    {
        // The lead owns a key result on the company's objective: "My OKRs" must show it, though the objective is not theirs.
        var company = await CompanyObjectiveAsync("Grow the business", Metric("Partner revenue", "increase", 0, 100, ownerId: Org.LeadId), Metric("Churn", "decrease", 8, 5));
        await ProductObjectiveAsync(Id(company), "Ship what customers love", Metric("Releases", "increase", 0, 10));
        var found = await ExpectJsonAsync(await Org.Lead.GetAsync($"/api/v1/objectives?periodId={Org.PeriodId}&keyResultOwnerId={Org.LeadId}"), HttpStatusCode.OK);
        Assert.That(found["items"]!.AsArray().Select(o => o!["title"]!.GetValue<string>()), Is.EqualTo(new[] { "Grow the business" }));
        var none = await ExpectJsonAsync(await Org.Lead.GetAsync($"/api/v1/objectives?keyResultOwnerId={Org.OutsiderId}"), HttpStatusCode.OK);
        Assert.That(none["items"]!.AsArray(), Is.Empty);
    }
}
