using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Okr.Api.Tests.Infrastructure;

namespace Okr.Api.Tests.Api;

/// <summary>
/// Writes that reach rows other than the one named: each such row gets its audit entry and modification stamp, and the
/// rules hold the same on create, on update and in the import (archived parents, archived teams, reporting lines).
/// </summary>
public sealed class ChangesThatReachOtherRowsTests : OrganisationTest
{
    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private async Task<JsonNode> AuditOfAsync(Guid entityId) =>
        (await ExpectJsonAsync(await Org.Admin.GetAsync($"/api/v1/audit?entityId={entityId}&pageSize=100"), HttpStatusCode.OK))["items"]!;

    [Test]
    public async Task DeletingAnObjectiveDetachesItsChildrenWithAnAuditEntryAndAStamp()
    {
        var parent = await CompanyObjectiveAsync("Grow", Metric("Revenue", "increase", 0, 10));
        var child = await ProductObjectiveAsync(Id(parent));
        var keyResult = Id(parent["keyResults"]![0]!);
        var checkIn = await ExpectJsonAsync(await Org.Admin.PostAsJsonAsync($"/api/v1/key-results/{keyResult}/check-ins", new { value = 3 }), HttpStatusCode.Created);

        await ExpectAsync(await Org.Admin.DeleteAsync($"/api/v1/objectives/{Id(parent)}"), HttpStatusCode.NoContent);

        var after = await ExpectJsonAsync(await Org.Lead.GetAsync($"/api/v1/objectives/{Id(child)}"), HttpStatusCode.OK);
        Assert.That(after["parentId"], Is.Null);
        Assert.That(after["modifiedAt"]!.GetValue<DateTimeOffset>(), Is.GreaterThan(child["modifiedAt"]!.GetValue<DateTimeOffset>()));
        var detached = (await AuditOfAsync(Id(child))).AsArray().First(e => e!["action"]!.GetValue<string>() == "updated")!;
        Assert.That(detached["changes"]!["parentId"]!["old"]!.GetValue<string>(), Is.EqualTo(Id(parent).ToString()));
        Assert.That(detached["actorUserId"]!.GetValue<string>(), Is.EqualTo(Org.AdminId.ToString()));

        // The key result and its check-in were deleted with it, each with its own entry.
        Assert.That((await AuditOfAsync(keyResult)).AsArray().Select(e => e!["action"]!.GetValue<string>()), Does.Contain("deleted"));
        Assert.That((await AuditOfAsync(Id(checkIn))).AsArray().Select(e => e!["action"]!.GetValue<string>()), Does.Contain("deleted"));
    }

    [Test]
    public async Task DeletingAKeyResultRecordsTheCheckInsDeletedWithIt()
    {
        var objective = await CompanyObjectiveAsync("Grow", Metric("Revenue", "increase", 0, 10));
        var keyResult = objective["keyResults"]![0]!;
        var checkIn = await ExpectJsonAsync(await Org.Admin.PostAsJsonAsync($"/api/v1/key-results/{Id(keyResult)}/check-ins", new { value = 3 }), HttpStatusCode.Created);
        await ExpectAsync(await Org.Admin.DeleteAsync($"/api/v1/key-results/{Id(keyResult)}"), HttpStatusCode.NoContent);
        var entry = (await AuditOfAsync(Id(checkIn))).AsArray().Single(e => e!["action"]!.GetValue<string>() == "deleted")!;
        Assert.That(entry["changes"]!["value"]!["old"]!.GetValue<decimal>(), Is.EqualTo(3m));
        Assert.That(entry["objectiveId"]!.GetValue<string>(), Is.EqualTo(Id(objective).ToString()), "it stays in the objective's history");
    }

    [Test]
    public async Task AnActiveTeamMovesUnderAnArchivedTeamNeitherByPatchNorByImport()
    {
        var archived = await ExpectJsonAsync(await Org.Admin.PostAsJsonAsync("/api/v1/teams", new { name = "Old", slug = "old", parentId = Org.CompanyId }), HttpStatusCode.Created);
        await ExpectAsync(await Org.Admin.PostAsync($"/api/v1/teams/{Id(archived)}/archive", null), HttpStatusCode.OK);
        await ExpectProblemAsync(await Org.Admin.PostAsJsonAsync("/api/v1/teams", new { name = "New", slug = "new", parentId = Id(archived) }),
            HttpStatusCode.UnprocessableEntity, "parentId");

        var sales = await ExpectJsonAsync(await Org.Admin.GetAsync($"/api/v1/teams/{Org.SalesId}"), HttpStatusCode.OK);
        await ExpectProblemAsync(await PatchAsync(Org.Admin, $"/api/v1/teams/{Org.SalesId}", new { parentId = Id(archived) }, $"\"{sales["version"]}\""),
            HttpStatusCode.UnprocessableEntity, "parentId");

        var problem = await ExpectProblemAsync(await Org.Admin.PostAsync("/api/v1/imports",
            Json("""{"teams": [{"slug": "sales", "name": "Sales", "parent": "old"}]}""")), HttpStatusCode.UnprocessableEntity);
        Assert.That(problem["errors"]![0]!["field"]!.GetValue<string>(), Is.EqualTo("parent"));
        var archiving = await ExpectProblemAsync(await Org.Admin.PostAsync("/api/v1/imports",
            Json("""{"teams": [{"slug": "example", "name": "Example"}, {"slug": "product", "name": "Product", "parent": "example", "archived": true}, {"slug": "mobile", "name": "Mobile", "parent": "product"}]}""")),
            HttpStatusCode.UnprocessableEntity);
        Assert.That(archiving["errors"]!.AsArray().Select(e => e!["field"]!.GetValue<string>()), Is.EqualTo(new[] { "parent" }), archiving.ToJsonString());
    }

    [Test]
    public async Task AnObjectiveWithOthersAlignedToItIsNotArchivedAndTheTreeNeverDangles()
    {
        var parent = await CompanyObjectiveAsync("Grow");
        var child = await ProductObjectiveAsync(Id(parent));
        var problem = await ExpectProblemAsync(await PatchAsync(Org.Admin, $"/api/v1/objectives/{Id(parent)}", new { state = "archived" }, $"\"{parent["version"]}\""),
            HttpStatusCode.UnprocessableEntity, "state");
        Assert.That(problem["errors"]!["state"]![0]!.GetValue<string>(), Does.Contain("1 objective aligns to this one"));

        var import = await ExpectProblemAsync(await Org.Admin.PostAsync("/api/v1/imports", Json($$"""
            {"objectives": [{"externalId": "{{Id(parent)}}", "title": "Grow", "period": "Current", "team": "example", "state": "archived"}]}
            """)), HttpStatusCode.UnprocessableEntity);
        Assert.That(import["errors"]![0]!["field"]!.GetValue<string>(), Is.EqualTo("state"), import.ToJsonString());

        // Archive the child first, then the parent: allowed, and the tree shows neither.
        await ExpectAsync(await PatchAsync(Org.Lead, $"/api/v1/objectives/{Id(child)}", new { state = "archived" }, $"\"{child["version"]}\""), HttpStatusCode.OK);
        await ExpectAsync(await PatchAsync(Org.Admin, $"/api/v1/objectives/{Id(parent)}", new { state = "archived" }, $"\"{parent["version"]}\""), HttpStatusCode.OK);
        var tree = await ExpectJsonAsync(await Org.Admin.GetAsync($"/api/v1/alignment?periodId={Org.PeriodId}"), HttpStatusCode.OK);
        var ids = tree["items"]!.AsArray().Select(n => n!["id"]!.GetValue<string>()).ToHashSet();
        Assert.That(tree["items"]!.AsArray().Where(n => n!["parentId"] is not null).Select(n => n!["parentId"]!.GetValue<string>()), Is.SubsetOf(ids));

        // Restoring the child while its parent stays archived: only by letting go of it.
        var archivedChild = await ExpectJsonAsync(await Org.Lead.GetAsync($"/api/v1/objectives/{Id(child)}"), HttpStatusCode.OK);
        await ExpectProblemAsync(await PatchAsync(Org.Lead, $"/api/v1/objectives/{Id(child)}", new { state = "draft" }, $"\"{archivedChild["version"]}\""),
            HttpStatusCode.UnprocessableEntity, "parentId");
        await ExpectAsync(await PatchAsync(Org.Lead, $"/api/v1/objectives/{Id(child)}", new { state = "draft", parentId = (Guid?)null }, $"\"{archivedChild["version"]}\""),
            HttpStatusCode.OK);
    }

    [Test]
    public async Task AReportingLineNeverLoopsThroughTheApiOrTheImport()
    {
        var problem = await ExpectProblemAsync(await Org.Admin.PostAsync("/api/v1/imports", Json("""
            {"users": [{"email": "lead@example.com", "displayName": "Lead", "manager": "member@example.com"},
                       {"email": "member@example.com", "displayName": "Member", "manager": "lead@example.com"}]}
            """)), HttpStatusCode.UnprocessableEntity);
        Assert.That(problem["errors"]!.AsArray().Select(e => e!["field"]!.GetValue<string>()).Distinct(), Is.EqualTo(new[] { "manager" }));
        Assert.That(problem["errors"]![0]!["message"]!.GetValue<string>(), Does.Contain("directly or through others"));

        var self = await ExpectProblemAsync(await Org.Admin.PostAsync("/api/v1/imports", Json("""
            {"users": [{"email": "lead@example.com", "displayName": "Lead", "manager": "lead@example.com"}]}
            """)), HttpStatusCode.UnprocessableEntity);
        Assert.That(self["errors"]![0]!["field"]!.GetValue<string>(), Is.EqualTo("manager"));

        var lead = await ExpectJsonAsync(await Org.Admin.GetAsync($"/api/v1/users/{Org.LeadId}"), HttpStatusCode.OK);
        await ExpectAsync(await PatchAsync(Org.Admin, $"/api/v1/users/{Org.LeadId}", new { managerId = Org.MemberId }, $"\"{lead["version"]}\""), HttpStatusCode.OK);
        var member = await ExpectJsonAsync(await Org.Admin.GetAsync($"/api/v1/users/{Org.MemberId}"), HttpStatusCode.OK);
        await ExpectProblemAsync(await PatchAsync(Org.Admin, $"/api/v1/users/{Org.MemberId}", new { managerId = Org.LeadId }, $"\"{member["version"]}\""),
            HttpStatusCode.UnprocessableEntity, "managerId");
    }

    [Test]
    public async Task OnlyADraftAlignsToADraftSoNoPublishedObjectivePointsToOne()
    {
        var draft = await CreateObjectiveAsync(Org.Admin, new { title = "Still a draft", periodId = Org.PeriodId, teamId = Org.CompanyId, state = "draft" });
        var problem = await ExpectProblemAsync(await Org.Admin.PostAsJsonAsync("/api/v1/objectives", new
        {
            title = "Published", periodId = Org.PeriodId, teamId = Org.ProductId, parentId = Id(draft),
        }), HttpStatusCode.UnprocessableEntity, "parentId");
        Assert.That(problem["errors"]!["parentId"]![0]!.GetValue<string>(), Does.Contain("Only a draft aligns to a draft"));

        var child = await CreateObjectiveAsync(Org.Admin, new { title = "Drafted below", periodId = Org.PeriodId, teamId = Org.ProductId, parentId = Id(draft), state = "draft" });
        await ExpectProblemAsync(await PatchAsync(Org.Admin, $"/api/v1/objectives/{Id(child)}", new { state = "active" }, $"\"{child["version"]}\""),
            HttpStatusCode.UnprocessableEntity, "parentId");
        await ExpectAsync(await PatchAsync(Org.Admin, $"/api/v1/objectives/{Id(draft)}", new { state = "active" }, $"\"{draft["version"]}\""), HttpStatusCode.OK);
        await ExpectAsync(await PatchAsync(Org.Admin, $"/api/v1/objectives/{Id(child)}", new { state = "active" }, $"\"{child["version"]}\""), HttpStatusCode.OK);
    }

    [Test]
    public async Task AnImportClientNeitherExportsDraftsNorChangesAnAdmin()
    {
        var secret = await CreateObjectiveAsync(Org.Admin, new { title = "Secret plan", periodId = Org.PeriodId, teamId = Org.CompanyId, state = "draft", externalId = "secret" });
        // A draft aligned to the draft, then archived: the archived one is exported, its draft parent's key is not.
        var below = await CreateObjectiveAsync(Org.Admin, new { title = "Archived below", periodId = Org.PeriodId, teamId = Org.ProductId, state = "draft", parentId = Id(secret) });
        await ExpectAsync(await PatchAsync(Org.Admin, $"/api/v1/objectives/{Id(below)}", new { state = "archived" }, $"\"{below["version"]}\""), HttpStatusCode.OK);
        await CreateObjectiveAsync(Org.Admin, new { title = "Public plan", periodId = Org.PeriodId, teamId = Org.CompanyId, externalId = "public" });
        var created = await ExpectJsonAsync(await Org.Admin.PostAsJsonAsync("/api/v1/api-clients", new { name = "Sync", scope = "import" }), HttpStatusCode.Created);
        var token = await ExpectJsonAsync(await Anonymous().PostAsJsonAsync("/api/v1/auth/token", new
        {
            grantType = "client_credentials", clientId = created["client"]!["id"]!.GetValue<string>(), clientSecret = created["clientSecret"]!.GetValue<string>(),
        }), HttpStatusCode.OK);
        var client = Anonymous();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token["accessToken"]!.GetValue<string>());

        foreach (var format in new[] { "json", "csv" })
        {
            var export = await (await client.GetAsync($"/api/v1/exports?format={format}")).Content.ReadAsStringAsync();
            Assert.That(export, Does.Contain("Public plan").And.Contain("Archived below").And.Not.Contain("Secret plan").And.Not.Contain("secret"), format);
        }

        Assert.That(await (await Org.Admin.GetAsync("/api/v1/exports?format=json")).Content.ReadAsStringAsync(), Does.Contain("Secret plan"), "admins export drafts");
        var refused = await ExpectProblemAsync(await client.PostAsync("/api/v1/imports", Json("""
            {"users": [{"email": "admin@example.com", "displayName": "Renamed by a script"}]}
            """)), HttpStatusCode.UnprocessableEntity);
        Assert.That(refused["errors"]![0]!["field"]!.GetValue<string>(), Is.EqualTo("displayName"));
    }
}
