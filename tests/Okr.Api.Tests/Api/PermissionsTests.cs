using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Okr.Api.Domain;
using Okr.Api.Tests.Infrastructure;

namespace Okr.Api.Tests.Api;

/// <summary>
/// The permissions that reads carry are the write rules themselves: for each caller, what the read says it may do is
/// exactly what the write then allows.
/// </summary>
public sealed class PermissionsTests : OrganisationTest
{
    private static async Task<JsonNode> ObjectiveAsync(HttpClient client, Guid id) =>
        await ExpectJsonAsync(await client.GetAsync($"/api/v1/objectives/{id}"), HttpStatusCode.OK);

    [Test]
    public async Task WhatAnObjectiveReadSaysIsWhatTheWriteAllows()
    {
        await AddUserAsync("viewer@example.com", OrgRole.Viewer);
        var callers = new Dictionary<string, HttpClient>
        {
            ["admin"] = Org.Admin, ["lead"] = Org.Lead, ["member"] = Org.Member, ["outsider"] = Org.Outsider,
            ["viewer"] = await SignInAsync("viewer@example.com"),
        };
        var team = await ProductObjectiveAsync(null, "Team goal", Metric("k", "increase", 0, 10));
        var mine = await CreateObjectiveAsync(Org.Member, new { title = "Member goal", periodId = Org.PeriodId, teamId = Org.ProductId, ownerId = Org.MemberId });

        var expectedEditors = new Dictionary<Guid, string[]>
        {
            [Id(team)] = ["admin", "lead"],
            [Id(mine)] = ["admin", "lead", "member"],
        };
        foreach (var (objectiveId, editors) in expectedEditors)
        {
            foreach (var (name, client) in callers)
            {
                var read = await ObjectiveAsync(client, objectiveId);
                var canEdit = read["permissions"]!["canEdit"]!.GetValue<bool>();
                Assert.That(canEdit, Is.EqualTo(editors.Contains(name)), $"{name} on {read["title"]}");
                var response = await PatchAsync(client, $"/api/v1/objectives/{objectiveId}", new { weight = 2 }, $"\"{read["version"]}\"");
                Assert.That(response.StatusCode, Is.EqualTo(canEdit ? HttpStatusCode.OK : HttpStatusCode.Forbidden), $"{name} patching {read["title"]}");
                Assert.That(read["permissions"]!["allowedStates"]!.AsArray().Select(s => s!.GetValue<string>()),
                    canEdit ? Is.EqualTo(new[] { "closed", "archived" }) : Is.Empty, name);
                Assert.That(read["permissions"]!["canAlignChild"]!.GetValue<bool>(), Is.EqualTo(name != "viewer" && read["level"]!.GetValue<string>() != "individual"), name);
            }
        }

        // The member owns an individual objective but may not hand it to someone else; the lead may.
        Assert.That((await ObjectiveAsync(Org.Member, Id(mine)))["permissions"]!["canChangeOwner"]!.GetValue<bool>(), Is.False);
        Assert.That((await ObjectiveAsync(Org.Lead, Id(mine)))["permissions"]!["canChangeOwner"]!.GetValue<bool>(), Is.True);
        var latest = await ObjectiveAsync(Org.Member, Id(mine));
        await ExpectProblemAsync(await PatchAsync(Org.Member, $"/api/v1/objectives/{Id(mine)}", new { ownerId = (Guid?)null }, $"\"{latest["version"]}\""), HttpStatusCode.Forbidden);
    }

    [Test]
    public async Task EveryAllowedStateIsAMoveTheApiAccepts()
    {
        var objective = await CreateObjectiveAsync(Org.Lead, new { title = "Draft first", periodId = Org.PeriodId, teamId = Org.ProductId, state = "draft" });
        var seen = new List<string>();
        for (var step = 0; step < 4; step++)
        {
            var read = await ObjectiveAsync(Org.Lead, Id(objective));
            var allowed = read["permissions"]!["allowedStates"]!.AsArray().Select(s => s!.GetValue<string>()).ToList();
            Assert.That(allowed, Is.Not.Empty);
            seen.Add($"{read["state"]}→{string.Join(",", allowed)}");
            // Take the first move offered, and check that a state not offered is refused.
            var refused = new[] { "draft", "active", "closed", "archived" }.Except(allowed).Except([read["state"]!.GetValue<string>()]).FirstOrDefault();
            if (refused is not null)
            {
                await ExpectProblemAsync(await PatchAsync(Org.Lead, $"/api/v1/objectives/{Id(objective)}", new { state = refused }, $"\"{read["version"]}\""),
                    HttpStatusCode.UnprocessableEntity, "state");
            }

            await ExpectAsync(await PatchAsync(Org.Lead, $"/api/v1/objectives/{Id(objective)}", new { state = allowed[0] }, $"\"{read["version"]}\""), HttpStatusCode.OK);
        }

        Assert.That(seen, Is.EqualTo(new[] { "draft→active,archived", "active→closed,archived", "closed→active,archived", "active→closed,archived" }));
    }

    [Test]
    public async Task WhatAKeyResultReadSaysIsWhatTheWriteAllows()
    {
        var objective = await ProductObjectiveAsync(null, "Team goal", Metric("Owned by the member", "increase", 0, 10, ownerId: Org.MemberId));
        var keyResultId = Id(objective["keyResults"]![0]!);
        foreach (var (name, client, checkIn, delete, changeOwner) in new[]
                 {
                     ("lead", Org.Lead, true, true, true),
                     ("member", Org.Member, true, false, false),
                     ("outsider", Org.Outsider, false, false, false),
                 })
        {
            var read = await ExpectJsonAsync(await client.GetAsync($"/api/v1/key-results/{keyResultId}"), HttpStatusCode.OK);
            var permissions = read["permissions"]!;
            Assert.That(permissions["canCheckIn"]!.GetValue<bool>(), Is.EqualTo(checkIn), name);
            Assert.That(permissions["canEdit"]!.GetValue<bool>(), Is.EqualTo(delete), name + ": the owner checks in, the objective decides the rest");
            Assert.That(permissions["canDelete"]!.GetValue<bool>(), Is.EqualTo(delete), name);
            Assert.That(permissions["canChangeOwner"]!.GetValue<bool>(), Is.EqualTo(changeOwner), name);
            var checkedIn = await client.PostAsJsonAsync($"/api/v1/key-results/{keyResultId}/check-ins", new { value = 1 });
            Assert.That(checkedIn.StatusCode, Is.EqualTo(checkIn ? HttpStatusCode.Created : HttpStatusCode.Forbidden), name);
        }

        // The list of key results and the objective read carry the same answers as the single read.
        var listed = await ExpectJsonAsync(await Org.Member.GetAsync($"/api/v1/objectives/{Id(objective)}/key-results"), HttpStatusCode.OK);
        Assert.That(listed["items"]![0]!["permissions"]!["canDelete"]!.GetValue<bool>(), Is.False);
        var embedded = await ObjectiveAsync(Org.Member, Id(objective));
        Assert.That(embedded["keyResults"]![0]!["permissions"]!["canCheckIn"]!.GetValue<bool>(), Is.True);
        await ExpectProblemAsync(await Org.Member.DeleteAsync($"/api/v1/key-results/{keyResultId}"), HttpStatusCode.Forbidden);
    }

    [Test]
    public async Task TeamsSayWhoManagesTheirMembersAndSetsTheirObjectives()
    {
        var product = await ExpectJsonAsync(await Org.Lead.GetAsync($"/api/v1/teams/{Org.ProductId}"), HttpStatusCode.OK);
        Assert.That(product["permissions"]!.ToJsonString(), Is.EqualTo("""{"canEdit":false,"canArchive":false,"canManageMembers":true,"canSetTeamObjectives":true}"""));
        // A member is told up front that the team's objectives are not theirs to set; the API agrees when they try.
        var asMember = await ExpectJsonAsync(await Org.Member.GetAsync($"/api/v1/teams/{Org.ProductId}"), HttpStatusCode.OK);
        Assert.That(asMember["permissions"]!["canSetTeamObjectives"]!.GetValue<bool>(), Is.False);
        await ExpectProblemAsync(await Org.Member.PostAsJsonAsync("/api/v1/objectives", new { title = "Team goal", periodId = Org.PeriodId, teamId = Org.ProductId }), HttpStatusCode.Forbidden);
        await ExpectAsync(await Org.Lead.PostAsJsonAsync("/api/v1/objectives", new { title = "Team goal", periodId = Org.PeriodId, teamId = Org.ProductId }), HttpStatusCode.Created);
        var sales = (await ExpectJsonAsync(await Org.Lead.GetAsync("/api/v1/teams"), HttpStatusCode.OK))["items"]!.AsArray()
            .Single(t => t!["id"]!.GetValue<string>() == Org.SalesId.ToString())!;
        Assert.That(sales["permissions"]!["canManageMembers"]!.GetValue<bool>(), Is.False);
        var other = await AddUserAsync("other@example.com");
        await ExpectProblemAsync(await Org.Lead.PutAsJsonAsync($"/api/v1/teams/{Org.SalesId}/members/{other}", new { role = "member" }), HttpStatusCode.Forbidden);
        var asAdmin = await ExpectJsonAsync(await Org.Admin.GetAsync($"/api/v1/teams/{Org.SalesId}"), HttpStatusCode.OK);
        Assert.That(asAdmin["permissions"]!.ToJsonString(), Is.EqualTo("""{"canEdit":true,"canArchive":true,"canManageMembers":true,"canSetTeamObjectives":true}"""));
    }
}
