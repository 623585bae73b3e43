using System.Net;
using System.Net.Http.Json;
using Okr.Api.Tests.Infrastructure;

namespace Okr.Api.Tests.Api;

/// <summary>Periods, teams and users.</summary>
public sealed class OrganisationAdminTests : OrganisationTest
{
    [Test]
    public async Task AdminCreatesAndListsPeriods()
    {
        var response = await Org.Admin.PostAsJsonAsync("/api/v1/periods", new { label = "2027 Q1", startDate = "2027-01-01", endDate = "2027-03-31" });
        var period = await ExpectJsonAsync(response, HttpStatusCode.Created);
        Assert.That(period["state"]!.GetValue<string>(), Is.EqualTo("planning"));
        Assert.That(response.Headers.Location!.ToString(), Is.EqualTo($"/api/v1/periods/{Id(period)}"));

        var planning = await ExpectJsonAsync(await Org.Member.GetAsync("/api/v1/periods?state=planning"), HttpStatusCode.OK);
        Assert.That(planning["items"]!.AsArray().Select(p => p!["label"]!.GetValue<string>()), Is.EqualTo(new[] { "2027 Q1" }));
    }

    [Test]
    public async Task PeriodsRefuseBadDatesDuplicatesAndMembers()
    {
        await ExpectProblemAsync(await Org.Admin.PostAsJsonAsync("/api/v1/periods", new { label = "Backwards", startDate = "2027-03-31", endDate = "2027-01-01" }),
            HttpStatusCode.BadRequest, "endDate");
        await ExpectProblemAsync(await Org.Admin.PostAsJsonAsync("/api/v1/periods", new { label = "Bad", startDate = "2027-02-30", endDate = "2027-03-01" }),
            HttpStatusCode.BadRequest, "startDate");
        await ExpectProblemAsync(await Org.Admin.PostAsJsonAsync("/api/v1/periods", new { label = "Current", startDate = "2027-01-01", endDate = "2027-03-31" }),
            HttpStatusCode.Conflict, "label");
        await ExpectProblemAsync(await Org.Member.PostAsJsonAsync("/api/v1/periods", new { label = "Mine", startDate = "2027-01-01", endDate = "2027-03-31" }),
            HttpStatusCode.Forbidden);
    }

    [Test]
    public async Task PeriodStateOnlyMovesForward()
    {
        var read = await Org.Admin.GetAsync($"/api/v1/periods/{Org.PeriodId}");
        var closed = await ExpectJsonAsync(await PatchAsync(Org.Admin, $"/api/v1/periods/{Org.PeriodId}", new { state = "closed" }, read.Headers.ETag!.Tag), HttpStatusCode.OK);
        await ExpectProblemAsync(await PatchAsync(Org.Admin, $"/api/v1/periods/{Org.PeriodId}", new { state = "active" }, $"\"{closed["version"]}\""),
            HttpStatusCode.UnprocessableEntity, "state");
        // A closed period takes no new objectives.
        await ExpectProblemAsync(await Org.Admin.PostAsJsonAsync("/api/v1/objectives", new { title = "late", periodId = Org.PeriodId, teamId = Org.CompanyId }),
            HttpStatusCode.UnprocessableEntity, "periodId");
    }

    [Test]
    public async Task PeriodUpdateChecksTheDatesTogether()
    {
        var read = await Org.Admin.GetAsync($"/api/v1/periods/{Org.PeriodId}");
        await ExpectProblemAsync(await PatchAsync(Org.Admin, $"/api/v1/periods/{Org.PeriodId}", new { endDate = "2000-01-01" }, read.Headers.ETag!.Tag),
            HttpStatusCode.UnprocessableEntity, "endDate");
    }

    [Test]
    public async Task TeamsFormOneTreeUnderTheCompany()
    {
        await ExpectProblemAsync(await Org.Admin.PostAsJsonAsync("/api/v1/teams", new { name = "Second company", slug = "second" }),
            HttpStatusCode.UnprocessableEntity, "parentId");
        await ExpectProblemAsync(await Org.Admin.PostAsJsonAsync("/api/v1/teams", new { name = "Product again", slug = "product", parentId = Org.CompanyId }),
            HttpStatusCode.Conflict, "slug");
        await ExpectProblemAsync(await Org.Admin.PostAsJsonAsync("/api/v1/teams", new { name = "Bad slug", slug = "Bad Slug!", parentId = Org.CompanyId }),
            HttpStatusCode.BadRequest, "slug");
        await ExpectProblemAsync(await Org.Lead.PostAsJsonAsync("/api/v1/teams", new { name = "Mine", slug = "mine", parentId = Org.CompanyId }),
            HttpStatusCode.Forbidden);

        var children = await ExpectJsonAsync(await Org.Member.GetAsync($"/api/v1/teams?parentId={Org.CompanyId}"), HttpStatusCode.OK);
        Assert.That(children["items"]!.AsArray().Select(t => t!["slug"]!.GetValue<string>()), Is.EqualTo(new[] { "product", "sales" }));
    }

    [Test]
    public async Task TeamCannotMoveUnderItsOwnSubteam()
    {
        var growth = await ExpectJsonAsync(await Org.Admin.PostAsJsonAsync("/api/v1/teams", new { name = "Growth", slug = "growth", parentId = Org.ProductId }), HttpStatusCode.Created);
        var product = await Org.Admin.GetAsync($"/api/v1/teams/{Org.ProductId}");
        await ExpectProblemAsync(await PatchAsync(Org.Admin, $"/api/v1/teams/{Org.ProductId}", new { parentId = Id(growth) }, product.Headers.ETag!.Tag),
            HttpStatusCode.UnprocessableEntity, "parentId");
        var renamed = await ExpectJsonAsync(await PatchAsync(Org.Admin, $"/api/v1/teams/{Org.ProductId}", new { name = "Product & Design" }, product.Headers.ETag!.Tag),
            HttpStatusCode.OK);
        Assert.That(renamed["name"]!.GetValue<string>(), Is.EqualTo("Product & Design"));
        Assert.That(renamed["parentId"]!.GetValue<string>(), Is.EqualTo(Org.CompanyId.ToString()));
    }

    [Test]
    public async Task ArchivedTeamKeepsItsObjectivesButTakesNoNewOnes()
    {
        await CreateObjectiveAsync(Org.Admin, new { title = "Close big deals", periodId = Org.PeriodId, teamId = Org.SalesId });
        var archived = await ExpectJsonAsync(await Org.Admin.PostAsync($"/api/v1/teams/{Org.SalesId}/archive", null), HttpStatusCode.OK);
        Assert.That(archived["archived"]!.GetValue<bool>(), Is.True);
        await ExpectProblemAsync(await Org.Admin.PostAsJsonAsync("/api/v1/objectives", new { title = "x", periodId = Org.PeriodId, teamId = Org.SalesId }),
            HttpStatusCode.UnprocessableEntity, "teamId");
        var objectives = await ExpectJsonAsync(await Org.Admin.GetAsync($"/api/v1/objectives?teamId={Org.SalesId}"), HttpStatusCode.OK);
        Assert.That(objectives["totalCount"]!.GetValue<int>(), Is.EqualTo(1));
        var teams = await ExpectJsonAsync(await Org.Admin.GetAsync("/api/v1/teams"), HttpStatusCode.OK);
        Assert.That(teams["items"]!.AsArray().Select(t => t!["slug"]!.GetValue<string>()), Does.Not.Contain("sales"));
        await ExpectProblemAsync(await Org.Admin.PostAsync($"/api/v1/teams/{Org.CompanyId}/archive", null), HttpStatusCode.UnprocessableEntity);
    }

    [Test]
    public async Task AdminCreatesUsersWhoCanSignIn()
    {
        var created = await ExpectJsonAsync(await Org.Admin.PostAsJsonAsync("/api/v1/users",
            new { email = "New.Person@Example.com", displayName = "New Person", password = "a-long-password", role = "member", managerId = Org.LeadId }), HttpStatusCode.Created);
        Assert.That(created["email"]!.GetValue<string>(), Is.EqualTo("new.person@example.com"));
        Assert.That(created["managerId"]!.GetValue<string>(), Is.EqualTo(Org.LeadId.ToString()));
        await SignInAsync("new.person@example.com", "a-long-password");

        var reports = await ExpectJsonAsync(await Org.Member.GetAsync($"/api/v1/users?managerId={Org.LeadId}"), HttpStatusCode.OK);
        Assert.That(reports["totalCount"]!.GetValue<int>(), Is.EqualTo(1));
        var team = await ExpectJsonAsync(await Org.Member.GetAsync($"/api/v1/users?teamId={Org.ProductId}"), HttpStatusCode.OK);
        Assert.That(team["totalCount"]!.GetValue<int>(), Is.EqualTo(2));
        var one = await ExpectJsonAsync(await Org.Member.GetAsync($"/api/v1/users/{Org.LeadId}"), HttpStatusCode.OK);
        Assert.That(one["memberships"]![0]!["role"]!.GetValue<string>(), Is.EqualTo("lead"));
    }

    [Test]
    public async Task APersonAddedWithTheirTeamsIsInThemAtOnce()
    {
        var created = await ExpectJsonAsync(await Org.Admin.PostAsJsonAsync("/api/v1/users", new
        {
            email = "teamed@example.com", displayName = "Teamed", password = "a-long-password", role = "member",
            teams = new[] { new { teamId = Org.ProductId, role = "member" }, new { teamId = Org.SalesId, role = "lead" } },
        }), HttpStatusCode.Created);
        var read = await ExpectJsonAsync(await Org.Admin.GetAsync($"/api/v1/users/{Id(created)}"), HttpStatusCode.OK);
        Assert.That(read["memberships"]!.AsArray().Select(m => (m!["teamId"]!.GetValue<Guid>(), m["role"]!.GetValue<string>())),
            Is.EquivalentTo(new[] { (Org.ProductId, "member"), (Org.SalesId, "lead") }));

        // A team that does not exist, or is archived, is named, and nobody is created.
        await ExpectProblemAsync(await Org.Admin.PostAsJsonAsync("/api/v1/users", new
        {
            email = "nowhere@example.com", displayName = "Nowhere", password = "a-long-password", role = "member",
            teams = new[] { new { teamId = Org.ProductId, role = "member" }, new { teamId = Guid.NewGuid(), role = "member" } },
        }), HttpStatusCode.UnprocessableEntity, "teams[1].teamId");
        await ExpectAsync(await Org.Admin.PostAsync($"/api/v1/teams/{Org.SalesId}/archive", null), HttpStatusCode.OK);
        await ExpectProblemAsync(await Org.Admin.PostAsJsonAsync("/api/v1/users", new
        {
            email = "nowhere@example.com", displayName = "Nowhere", password = "a-long-password", role = "member",
            teams = new[] { new { teamId = Org.SalesId, role = "boss" } },
        }), HttpStatusCode.BadRequest, "teams[0].role");
        await ExpectProblemAsync(await Org.Admin.PostAsJsonAsync("/api/v1/users", new
        {
            email = "nowhere@example.com", displayName = "Nowhere", password = "a-long-password", role = "member",
            teams = new[] { new { teamId = Org.SalesId, role = "member" } },
        }), HttpStatusCode.UnprocessableEntity, "teams[0].teamId");
        await ExpectProblemAsync(await Org.Admin.PostAsJsonAsync("/api/v1/users", new
        {
            email = "nowhere@example.com", displayName = "Nowhere", password = "a-long-password", role = "member", teams = new object?[] { null },
        }), HttpStatusCode.BadRequest, "teams[0]");
        await ExpectProblemAsync(await Org.Admin.PostAsJsonAsync("/api/v1/invitations", new
        {
            email = "nowhere@example.com", displayName = "Nowhere", role = "member", teams = new object?[] { null },
        }), HttpStatusCode.BadRequest, "teams[0]");
        var nobody = await ExpectJsonAsync(await Org.Admin.GetAsync("/api/v1/users?q=nowhere"), HttpStatusCode.OK);
        Assert.That(nobody["totalCount"]!.GetValue<int>(), Is.Zero);
    }

    [Test]
    public async Task UsersRefuseWeakPasswordsDuplicatesAndMembers()
    {
        await ExpectProblemAsync(await Org.Admin.PostAsJsonAsync("/api/v1/users",
            new { email = "x@example.com", displayName = "X", password = "short", role = "member" }), HttpStatusCode.BadRequest, "password");
        await ExpectProblemAsync(await Org.Admin.PostAsJsonAsync("/api/v1/users",
            new { email = "x@example.com", displayName = "X", password = "x@example.com", role = "member" }), HttpStatusCode.BadRequest, "password");
        await ExpectProblemAsync(await Org.Admin.PostAsJsonAsync("/api/v1/users",
            new { email = "not an email", displayName = "X", password = "a-long-password", role = "member" }), HttpStatusCode.BadRequest, "email");
        await ExpectProblemAsync(await Org.Admin.PostAsJsonAsync("/api/v1/users",
            new { email = "MEMBER@example.com", displayName = "X", password = "a-long-password", role = "member" }), HttpStatusCode.Conflict, "email");
        await ExpectProblemAsync(await Org.Admin.PostAsJsonAsync("/api/v1/users",
            new { email = "y@example.com", displayName = "Y", password = "a-long-password", role = "owner" }), HttpStatusCode.BadRequest, "role");
        await ExpectProblemAsync(await Org.Member.PostAsJsonAsync("/api/v1/users",
            new { email = "z@example.com", displayName = "Z", password = "a-long-password", role = "admin" }), HttpStatusCode.Forbidden);
    }
}
