using System.Net;
using System.Net.Http.Json;
using Okr.Api.Domain;
using Okr.Api.Tests.Infrastructure;

namespace Okr.Api.Tests.Api;

/// <summary>The role matrix of the README: each role's allowed writes succeed, forbidden ones get 403, hidden drafts 404.</summary>
public sealed class RoleMatrixTests : OrganisationTest
{
    [Test]
    public async Task ViewersReadButNeverWrite()
    {
        await AddUserAsync("viewer@example.com", OrgRole.Viewer);
        var viewer = await SignInAsync("viewer@example.com");
        var company = await CompanyObjectiveAsync("Visible to all", Metric("k", "increase", 0, 10));
        await ExpectAsync(await viewer.GetAsync($"/api/v1/objectives/{Id(company)}"), HttpStatusCode.OK);
        await ExpectProblemAsync(await viewer.PostAsJsonAsync($"/api/v1/key-results/{Id(company["keyResults"]![0]!)}/check-ins", new { value = 1 }), HttpStatusCode.Forbidden);
        await ExpectProblemAsync(await viewer.PostAsJsonAsync("/api/v1/objectives", new { title = "x", periodId = Org.PeriodId, teamId = Org.ProductId }), HttpStatusCode.Forbidden);
    }

    [Test]
    public async Task LeadsWriteTheTeamsObjectivesAndTheirMembersIndividualOnes()
    {
        var team = await ProductObjectiveAsync(null, "Team goal");
        var mine = await CreateObjectiveAsync(Org.Member, new { title = "Member goal", periodId = Org.PeriodId, teamId = Org.ProductId, ownerId = Org.MemberId });
        await ExpectAsync(await PatchAsync(Org.Lead, $"/api/v1/objectives/{Id(team)}", new { title = "Team goal, sharper" }, $"\"{team["version"]}\""), HttpStatusCode.OK);
        await ExpectAsync(await PatchAsync(Org.Lead, $"/api/v1/objectives/{Id(mine)}", new { weight = 2 }, $"\"{mine["version"]}\""), HttpStatusCode.OK);
        var current = (await Org.Member.GetAsync($"/api/v1/objectives/{Id(team)}")).Headers.ETag!.Tag;
        await ExpectProblemAsync(await PatchAsync(Org.Member, $"/api/v1/objectives/{Id(team)}", new { title = "Not mine" }, current), HttpStatusCode.Forbidden);
        // A lead of Product is nobody in Sales.
        await ExpectProblemAsync(await Org.Lead.PostAsJsonAsync("/api/v1/objectives", new { title = "x", periodId = Org.PeriodId, teamId = Org.SalesId }), HttpStatusCode.Forbidden);
    }

    [Test]
    public async Task LeadsManageTheirTeamsMembershipAndMembersDoNot()
    {
        var newcomer = await AddUserAsync("newcomer@example.com");
        var added = await ExpectJsonAsync(await Org.Lead.PutAsJsonAsync($"/api/v1/teams/{Org.ProductId}/members/{newcomer}", new { role = "member" }), HttpStatusCode.OK);
        Assert.That(added["role"]!.GetValue<string>(), Is.EqualTo("member"));
        var members = await ExpectJsonAsync(await Org.Member.GetAsync($"/api/v1/teams/{Org.ProductId}/members"), HttpStatusCode.OK);
        Assert.That(members.AsArray().Select(m => m!["userId"]!.GetValue<string>()), Does.Contain(newcomer.ToString()));

        await ExpectProblemAsync(await Org.Member.PutAsJsonAsync($"/api/v1/teams/{Org.ProductId}/members/{newcomer}", new { role = "lead" }), HttpStatusCode.Forbidden);
        await ExpectProblemAsync(await Org.Lead.PutAsJsonAsync($"/api/v1/teams/{Org.SalesId}/members/{newcomer}", new { role = "member" }), HttpStatusCode.Forbidden);
        await ExpectProblemAsync(await Org.Lead.PutAsJsonAsync($"/api/v1/teams/{Org.ProductId}/members/{Guid.NewGuid()}", new { role = "member" }),
            HttpStatusCode.UnprocessableEntity, "userId");
        await ExpectAsync(await Org.Lead.DeleteAsync($"/api/v1/teams/{Org.ProductId}/members/{newcomer}"), HttpStatusCode.NoContent);
    }

    [Test]
    public async Task AdminsChangePeopleAndNobodyElseDoes()
    {
        var read = await Org.Admin.GetAsync($"/api/v1/users/{Org.MemberId}");
        var etag = read.Headers.ETag!.Tag;
        await ExpectProblemAsync(await PatchAsync(Org.Lead, $"/api/v1/users/{Org.MemberId}", new { role = "admin" }, etag), HttpStatusCode.Forbidden);
        var updated = await ExpectJsonAsync(await PatchAsync(Org.Admin, $"/api/v1/users/{Org.MemberId}", new { role = "viewer", managerId = Org.LeadId }, etag), HttpStatusCode.OK);
        Assert.That(updated["role"]!.GetValue<string>(), Is.EqualTo("viewer"));
        var cycle = await Org.Admin.GetAsync($"/api/v1/users/{Org.LeadId}");
        await ExpectProblemAsync(await PatchAsync(Org.Admin, $"/api/v1/users/{Org.LeadId}", new { managerId = Org.MemberId }, cycle.Headers.ETag!.Tag),
            HttpStatusCode.UnprocessableEntity, "managerId");
    }

    [Test]
    public async Task DraftsAreVisibleOnlyToTheirOwnerTheTeamsLeadsAndAdmins()
    {
        var draft = await CreateObjectiveAsync(Org.Member, new { title = "Secret plan", state = "draft", periodId = Org.PeriodId, teamId = Org.ProductId, ownerId = Org.MemberId });
        foreach (var reader in new[] { Org.Member, Org.Lead, Org.Admin })
        {
            await ExpectAsync(await reader.GetAsync($"/api/v1/objectives/{Id(draft)}"), HttpStatusCode.OK);
        }

        await ExpectProblemAsync(await Org.Outsider.GetAsync($"/api/v1/objectives/{Id(draft)}"), HttpStatusCode.NotFound);
        await ExpectProblemAsync(await PatchAsync(Org.Outsider, $"/api/v1/objectives/{Id(draft)}", new { title = "x" }, $"\"{draft["version"]}\""), HttpStatusCode.NotFound);
        var list = await ExpectJsonAsync(await Org.Outsider.GetAsync($"/api/v1/objectives?periodId={Org.PeriodId}"), HttpStatusCode.OK);
        Assert.That(list["totalCount"]!.GetValue<int>(), Is.EqualTo(0));
        var tree = await ExpectJsonAsync(await Org.Outsider.GetAsync($"/api/v1/alignment?periodId={Org.PeriodId}"), HttpStatusCode.OK);
        Assert.That(tree["items"]!.AsArray(), Is.Empty);
        var leadTree = await ExpectJsonAsync(await Org.Lead.GetAsync($"/api/v1/alignment?periodId={Org.PeriodId}"), HttpStatusCode.OK);
        Assert.That(leadTree["items"]!.AsArray(), Has.Count.EqualTo(1));
    }
}
