using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Okr.Api.Tests.Infrastructure;

namespace Okr.Api.Tests.Api;

/// <summary>
/// SCIM 2.0 provisioning driven the way the directories drive it: the request sequences of Okta's SCIM 2.0 test suite
/// and of Microsoft Entra ID's provisioning (its SCIM validator's requests), then the bad input both can send.
/// </summary>
public sealed class ScimTests : OrganisationTest
{
    private const string Core = "urn:ietf:params:scim:schemas:core:2.0:User";
    private const string Enterprise = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
    private const string PatchOp = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
    private const string GroupSchema = "urn:ietf:params:scim:schemas:core:2.0:Group";

    private async Task<HttpClient> DirectoryAsync()
    {
        var created = await ExpectJsonAsync(await Org.Admin.PostAsJsonAsync("/api/v1/api-clients", new { name = "Okta", scope = "scim" }), HttpStatusCode.Created);
        var secret = created["clientSecret"]!.GetValue<string>();
        Assert.That(secret, Does.StartWith("okr_scim_"));
        var client = Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        return client;
    }

    private static StringContent Scim(object body) => new(System.Text.Json.JsonSerializer.Serialize(body), Encoding.UTF8, "application/scim+json");

    private static async Task<JsonObject> ExpectScimAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(status), $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: {text}");
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/scim+json"));
        return JsonNode.Parse(text)!.AsObject();
    }

    /// <summary>A SCIM error: its schema, the status as a string, and the scimType when one applies.</summary>
    private static async Task<JsonObject> ExpectScimErrorAsync(HttpResponseMessage response, HttpStatusCode status, string? scimType = null)
    {
        var error = await ExpectScimAsync(response, status);
        Assert.That(error["schemas"]![0]!.GetValue<string>(), Is.EqualTo("urn:ietf:params:scim:api:messages:2.0:Error"));
        Assert.That(error["status"]!.GetValue<string>(), Is.EqualTo(((int)status).ToString(System.Globalization.CultureInfo.InvariantCulture)));
        if (scimType is not null) Assert.That(error["scimType"]?.GetValue<string>(), Is.EqualTo(scimType), error.ToJsonString());
        Assert.That(error["detail"]!.GetValue<string>(), Is.Not.Empty);
        return error;
    }

    private static Task<HttpResponseMessage> PatchAsync(HttpClient client, string url, params object[] operations) =>
        client.PatchAsync(url, Scim(new { schemas = new[] { PatchOp }, Operations = operations }));

    [Test]
    public async Task OktasSequenceProvisionsFindsUpdatesAndDeactivatesAPerson()
    {
        var okta = await DirectoryAsync();
        var config = await ExpectScimAsync(await okta.GetAsync("/scim/v2/ServiceProviderConfig"), HttpStatusCode.OK);
        Assert.That(config["patch"]!["supported"]!.GetValue<bool>(), Is.True);

        var page = await ExpectScimAsync(await okta.GetAsync("/scim/v2/Users?count=1&startIndex=1"), HttpStatusCode.OK);
        Assert.That(page["schemas"]![0]!.GetValue<string>(), Is.EqualTo("urn:ietf:params:scim:api:messages:2.0:ListResponse"));
        Assert.That(page["Resources"]!.AsArray(), Has.Count.EqualTo(1));
        Assert.That(page["totalResults"]!.GetValue<int>(), Is.EqualTo(4), "everyone in the organisation: admin, lead, member, outsider");
        Assert.That(page["itemsPerPage"]!.GetValue<int>(), Is.EqualTo(1));

        // Okta looks people up before creating them: an existing one (in any casing), and one that is not there.
        var existing = await ExpectScimAsync(await okta.GetAsync("/scim/v2/Users?filter=" + Uri.EscapeDataString("userName eq \"Member@Example.com\"")), HttpStatusCode.OK);
        Assert.That(existing["totalResults"]!.GetValue<int>(), Is.EqualTo(1));
        Assert.That(existing["Resources"]![0]!["id"]!.GetValue<string>(), Is.EqualTo(Org.MemberId.ToString()));
        var none = await ExpectScimAsync(await okta.GetAsync("/scim/v2/Users?filter=" + Uri.EscapeDataString("userName eq \"ghost@atko.com\"")), HttpStatusCode.OK);
        Assert.That(none["totalResults"]!.GetValue<int>(), Is.EqualTo(0));
        Assert.That(none["Resources"]!.AsArray(), Is.Empty);

        var body = new
        {
            schemas = new[] { Core }, userName = "kim.lee@atko.com", name = new { givenName = "Kim", familyName = "Lee" },
            emails = new[] { new { primary = true, value = "kim.lee@atko.com", type = "work" } }, displayName = "Kim Lee", locale = "en-US", active = true,
        };
        var response = await okta.PostAsync("/scim/v2/Users", Scim(body));
        var created = await ExpectScimAsync(response, HttpStatusCode.Created);
        var id = created["id"]!.GetValue<string>();
        Assert.That(response.Headers.Location?.OriginalString, Is.EqualTo($"http://localhost/scim/v2/Users/{id}"), "a full URI, as meta.location");
        Assert.That(created["meta"]!["location"]!.GetValue<string>(), Is.EqualTo($"http://localhost/scim/v2/Users/{id}"));
        Assert.That(created["userName"]!.GetValue<string>(), Is.EqualTo("kim.lee@atko.com"));
        Assert.That(created["displayName"]!.GetValue<string>(), Is.EqualTo("Kim Lee"));
        Assert.That(created["active"]!.GetValue<bool>(), Is.True);

        var person = await ExpectJsonAsync(await Org.Admin.GetAsync($"/api/v1/users/{id}"), HttpStatusCode.OK);
        Assert.That(person["role"]!.GetValue<string>(), Is.EqualTo("member"), "the directory never makes admins");
        Assert.That((await ExpectScimAsync(await okta.GetAsync($"/scim/v2/Users/{id}"), HttpStatusCode.OK))["userName"]!.GetValue<string>(), Is.EqualTo("kim.lee@atko.com"));
        await ExpectScimErrorAsync(await okta.PostAsync("/scim/v2/Users", Scim(body)), HttpStatusCode.Conflict, "uniqueness");

        var replaced = await ExpectScimAsync(await okta.PutAsync($"/scim/v2/Users/{id}", Scim(new
        {
            schemas = new[] { Core }, id, userName = "kim.lee@atko.com", name = new { givenName = "Kimberly", familyName = "Lee" },
            emails = new[] { new { primary = true, value = "kim.lee@atko.com", type = "work" } }, active = true,
        })), HttpStatusCode.OK);
        Assert.That(replaced["displayName"]!.GetValue<string>(), Is.EqualTo("Kimberly Lee"), "without displayName, the name's parts");

        // Deprovisioning: Okta sends active=false with no path. The person is out at once, sessions included.
        var signedIn = await SignInAsKimAsync(Org.Admin, id);
        var deactivated = await ExpectScimAsync(await PatchAsync(okta, $"/scim/v2/Users/{id}", new { op = "replace", value = new { active = false } }), HttpStatusCode.OK);
        Assert.That(deactivated["active"]!.GetValue<bool>(), Is.False);
        await ExpectProblemAsync(await signedIn.GetAsync("/api/v1/users/me"), HttpStatusCode.Unauthorized);
        await ExpectProblemAsync(await Anonymous().PostAsJsonAsync("/api/v1/auth/token", new { email = "kim.lee@atko.com", password = "kims-own-long-password" }), HttpStatusCode.Unauthorized);

        await ExpectScimErrorAsync(await okta.GetAsync($"/scim/v2/Users/{Guid.NewGuid()}"), HttpStatusCode.NotFound);
    }

    [Test]
    public async Task OktasGroupPushCreatesATeamAddsAndRemovesMembersRenamesAndDeletesIt()
    {
        var okta = await DirectoryAsync();
        var created = await ExpectScimAsync(await okta.PostAsync("/scim/v2/Groups", Scim(new { schemas = new[] { GroupSchema }, displayName = "Field Marketing", members = Array.Empty<object>() })),
            HttpStatusCode.Created);
        var id = created["id"]!.GetValue<string>();
        var team = await ExpectJsonAsync(await Org.Admin.GetAsync($"/api/v1/teams/{id}"), HttpStatusCode.OK);
        Assert.That(team["parentId"]!.GetValue<string>(), Is.EqualTo(Org.CompanyId.ToString()), "a new group is a team under the company");
        Assert.That(team["slug"]!.GetValue<string>(), Is.EqualTo("field-marketing"));

        await ExpectAsync(await PatchAsync(okta, $"/scim/v2/Groups/{id}",
            new { op = "add", path = "members", value = new[] { new { value = Org.MemberId.ToString(), display = "member@example.com" }, new { value = Org.OutsiderId.ToString(), display = "outsider@example.com" } } }),
            HttpStatusCode.NoContent);
        var group = await ExpectScimAsync(await okta.GetAsync($"/scim/v2/Groups/{id}"), HttpStatusCode.OK);
        Assert.That(group["members"]!.AsArray().Select(m => m!["value"]!.GetValue<string>()), Is.EquivalentTo(new[] { Org.MemberId.ToString(), Org.OutsiderId.ToString() }));

        await ExpectAsync(await PatchAsync(okta, $"/scim/v2/Groups/{id}", new { op = "remove", path = $"members[value eq \"{Org.OutsiderId}\"]" }), HttpStatusCode.NoContent);
        await ExpectAsync(await PatchAsync(okta, $"/scim/v2/Groups/{id}", new { op = "replace", value = new { id, displayName = "Field & Events Marketing" } }), HttpStatusCode.NoContent);
        var found = await ExpectScimAsync(await okta.GetAsync("/scim/v2/Groups?filter=" + Uri.EscapeDataString("displayName eq \"Field & Events Marketing\"")), HttpStatusCode.OK);
        Assert.That(found["totalResults"]!.GetValue<int>(), Is.EqualTo(1));
        Assert.That(found["Resources"]![0]!["members"]!.AsArray().Select(m => m!["value"]!.GetValue<string>()), Is.EqualTo(new[] { Org.MemberId.ToString() }));
        var members = await ExpectJsonAsync(await Org.Admin.GetAsync($"/api/v1/teams/{id}"), HttpStatusCode.OK);
        Assert.That(members["name"]!.GetValue<string>(), Is.EqualTo("Field & Events Marketing"));

        await ExpectAsync(await okta.DeleteAsync($"/scim/v2/Groups/{id}"), HttpStatusCode.NoContent);
        await ExpectScimErrorAsync(await okta.GetAsync($"/scim/v2/Groups/{id}"), HttpStatusCode.NotFound);
        var archived = await ExpectJsonAsync(await Org.Admin.GetAsync($"/api/v1/teams/{id}"), HttpStatusCode.OK);
        Assert.That(archived["archived"]!.GetValue<bool>(), Is.True, "archived, not erased: its objectives are history");
        // The company itself is no group to the directory.
        await ExpectScimErrorAsync(await okta.GetAsync($"/scim/v2/Groups/{Org.CompanyId}"), HttpStatusCode.NotFound);
    }

    [Test]
    public async Task EntrasSequenceProvisionsWithItsOwnUserNamesPatchesAManagerAndDeletes()
    {
        var entra = await DirectoryAsync();
        const string userName = "Test_User_ab6490ee-1e48-479e-a20b-2d77186b5dd1";
        var none = await ExpectScimAsync(await entra.GetAsync("/scim/v2/Users?filter=" + Uri.EscapeDataString($"userName eq \"{userName}\"")), HttpStatusCode.OK);
        Assert.That(none["totalResults"]!.GetValue<int>(), Is.EqualTo(0));

        var created = await ExpectScimAsync(await entra.PostAsync("/scim/v2/Users", Scim(new Dictionary<string, object?>
        {
            ["schemas"] = new[] { Core, Enterprise },
            ["externalId"] = "0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef",
            ["userName"] = userName,
            ["active"] = true,
            ["emails"] = new[] { new { primary = true, type = "work", value = "Test_User_fd0ea19b@testuser.com" } },
            ["meta"] = new { resourceType = "User" },
            ["name"] = new { formatted = "givenName familyName", familyName = "familyName", givenName = "givenName" },
            ["roles"] = Array.Empty<object>(),
            [Enterprise] = new { department = "Sales", manager = new { value = Org.LeadId.ToString() } },
        })), HttpStatusCode.Created);
        var id = created["id"]!.GetValue<string>();
        Assert.That(created["userName"]!.GetValue<string>(), Is.EqualTo(userName).IgnoreCase, "the directory's userName comes back (case-insensitive, as SCIM defines it)");
        Assert.That(created["emails"]![0]!["value"]!.GetValue<string>(), Is.EqualTo("test_user_fd0ea19b@testuser.com"));
        Assert.That(created[Enterprise]!["manager"]!["value"]!.GetValue<string>(), Is.EqualTo(Org.LeadId.ToString()));
        var person = await ExpectJsonAsync(await Org.Admin.GetAsync($"/api/v1/users/{id}"), HttpStatusCode.OK);
        Assert.That(person["email"]!.GetValue<string>(), Is.EqualTo("test_user_fd0ea19b@testuser.com"), "people sign in with the work email");
        Assert.That(person["managerId"]!.GetValue<string>(), Is.EqualTo(Org.LeadId.ToString()), "the reporting line the 1:1s follow");

        var byUserName = await ExpectScimAsync(await entra.GetAsync("/scim/v2/Users?filter=" + Uri.EscapeDataString($"userName eq \"{userName.ToUpperInvariant()}\"")), HttpStatusCode.OK);
        Assert.That(byUserName["Resources"]![0]!["id"]!.GetValue<string>(), Is.EqualTo(id));
        var byExternalId = await ExpectScimAsync(await entra.GetAsync("/scim/v2/Users?filter=" + Uri.EscapeDataString("externalId eq \"0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef\"")), HttpStatusCode.OK);
        Assert.That(byExternalId["totalResults"]!.GetValue<int>(), Is.EqualTo(1));

        var patched = await ExpectScimAsync(await PatchAsync(entra, $"/scim/v2/Users/{id}",
            new { op = "Replace", path = "emails[type eq \"work\"].value", value = "updatedEmail@microsoft.com" },
            new { op = "Replace", path = "name.familyName", value = "updatedFamilyName" },
            new { op = "Replace", path = "displayName", value = "Updated Display" },
            new { op = "Add", path = $"{Enterprise}:manager", value = Org.AdminId.ToString() }), HttpStatusCode.OK);
        Assert.That(patched["emails"]![0]!["value"]!.GetValue<string>(), Is.EqualTo("updatedemail@microsoft.com"));
        Assert.That(patched["displayName"]!.GetValue<string>(), Is.EqualTo("Updated Display"));
        Assert.That(patched[Enterprise]!["manager"]!["value"]!.GetValue<string>(), Is.EqualTo(Org.AdminId.ToString()));

        var renamed = await ExpectScimAsync(await PatchAsync(entra, $"/scim/v2/Users/{id}", new { op = "Replace", path = "userName", value = "5b50642d-79fc-4410-9e90-4c077cdd1a59@testuser.com" }),
            HttpStatusCode.OK);
        Assert.That(renamed["userName"]!.GetValue<string>(), Is.EqualTo("5b50642d-79fc-4410-9e90-4c077cdd1a59@testuser.com"));
        // Entra's userName is the UPN, which need not be the mailbox: people still sign in with the work email.
        Assert.That(renamed["emails"]![0]!["value"]!.GetValue<string>(), Is.EqualTo("updatedemail@microsoft.com"));
        var signInEmail = await ExpectJsonAsync(await Org.Admin.GetAsync($"/api/v1/users/{id}"), HttpStatusCode.OK);
        Assert.That(signInEmail["email"]!.GetValue<string>(), Is.EqualTo("updatedemail@microsoft.com"));
        // Entra writes booleans as strings.
        var inactive = await ExpectScimAsync(await PatchAsync(entra, $"/scim/v2/Users/{id}", new { op = "Replace", path = "active", value = "False" }), HttpStatusCode.OK);
        Assert.That(inactive["active"]!.GetValue<bool>(), Is.False);

        // Groups, as Entra sends them.
        var group = await ExpectScimAsync(await entra.PostAsync("/scim/v2/Groups", Scim(new
        {
            schemas = new[] { GroupSchema }, externalId = "8aa1a0c0-c4c3-4bc0-b4a5-2ef676900159", displayName = "Entra Group", meta = new { resourceType = "Group" },
        })), HttpStatusCode.Created);
        var groupId = group["id"]!.GetValue<string>();
        var lean = await ExpectScimAsync(await entra.GetAsync("/scim/v2/Groups?excludedAttributes=members&filter=" + Uri.EscapeDataString("displayName eq \"Entra Group\"")), HttpStatusCode.OK);
        Assert.That(lean["Resources"]![0]!.AsObject().ContainsKey("members"), Is.False, "excludedAttributes=members");
        await ExpectAsync(await PatchAsync(entra, $"/scim/v2/Groups/{groupId}", new { op = "Replace", path = "displayName", value = "Entra Group updated" }), HttpStatusCode.NoContent);
        await ExpectAsync(await PatchAsync(entra, $"/scim/v2/Groups/{groupId}", new { op = "Add", path = "members", value = new[] { new { value = Org.MemberId.ToString() } } }), HttpStatusCode.NoContent);
        await ExpectAsync(await PatchAsync(entra, $"/scim/v2/Groups/{groupId}", new { op = "Remove", path = "members", value = new[] { new { value = Org.MemberId.ToString() } } }), HttpStatusCode.NoContent);
        var emptied = await ExpectScimAsync(await entra.GetAsync($"/scim/v2/Groups/{groupId}"), HttpStatusCode.OK);
        Assert.That(emptied["displayName"]!.GetValue<string>(), Is.EqualTo("Entra Group updated"));
        Assert.That(emptied["members"]!.AsArray(), Is.Empty);
        await ExpectAsync(await entra.DeleteAsync($"/scim/v2/Groups/{groupId}"), HttpStatusCode.NoContent);

        await ExpectAsync(await entra.DeleteAsync($"/scim/v2/Users/{id}"), HttpStatusCode.NoContent);
        await ExpectScimErrorAsync(await entra.GetAsync($"/scim/v2/Users/{id}"), HttpStatusCode.NotFound);
        var kept = await ExpectJsonAsync(await Org.Admin.GetAsync($"/api/v1/users/{id}"), HttpStatusCode.OK);
        Assert.That(kept["active"]!.GetValue<bool>(), Is.False, "deleted for the directory, deactivated in Okr, history kept");
    }

    [Test]
    public async Task BadRequestsGetScimErrorsAndChangeNothing()
    {
        var directory = await DirectoryAsync();
        await ExpectScimErrorAsync(await directory.GetAsync("/scim/v2/Users?filter=" + Uri.EscapeDataString("title eq \"boss\"")), HttpStatusCode.BadRequest, "invalidFilter");
        await ExpectScimErrorAsync(await directory.GetAsync("/scim/v2/Users?filter=" + Uri.EscapeDataString("userName sw \"a\"")), HttpStatusCode.BadRequest, "invalidFilter");
        await ExpectScimErrorAsync(await directory.GetAsync("/scim/v2/Groups?filter=" + Uri.EscapeDataString("members eq \"x\"")), HttpStatusCode.BadRequest, "invalidFilter");

        await ExpectScimErrorAsync(await directory.PostAsync("/scim/v2/Users", Scim(new { schemas = new[] { Core }, userName = "x@atko.com", favouriteColour = "blue" })),
            HttpStatusCode.BadRequest, "invalidPath");
        await ExpectScimErrorAsync(await directory.PostAsync("/scim/v2/Users", Scim(new { schemas = new[] { Core }, userName = "not-an-email" })), HttpStatusCode.BadRequest, "invalidValue");
        await ExpectScimErrorAsync(await directory.PostAsync("/scim/v2/Users", Scim(new { schemas = new[] { Core }, userName = "ok@atko.com", active = "maybe" })),
            HttpStatusCode.BadRequest, "invalidValue");
        await ExpectScimErrorAsync(await directory.PostAsync("/scim/v2/Users", Scim(new { schemas = new[] { Core }, userName = "ok@atko.com", displayName = "Evil\u202Eman" })),
            HttpStatusCode.BadRequest, "invalidValue");
        await ExpectScimErrorAsync(await directory.PostAsync("/scim/v2/Users", new StringContent("{not json", Encoding.UTF8, "application/scim+json")),
            HttpStatusCode.BadRequest, "invalidSyntax");
        var nobody = await ExpectScimAsync(await directory.GetAsync("/scim/v2/Users?filter=" + Uri.EscapeDataString("userName eq \"ok@atko.com\"")), HttpStatusCode.OK);
        Assert.That(nobody["totalResults"]!.GetValue<int>(), Is.EqualTo(0), "nothing was created by a refused request");

        var url = $"/scim/v2/Users/{Org.MemberId}";
        await ExpectScimErrorAsync(await directory.PatchAsync(url, Scim(new { Operations = new[] { new { op = "replace", path = "active", value = false } } })), HttpStatusCode.BadRequest, "invalidSyntax");
        await ExpectScimErrorAsync(await PatchAsync(directory, url, new { op = "delete", path = "active" }), HttpStatusCode.BadRequest, "invalidSyntax");
        // All or nothing: the valid first operation is not applied when the second fails.
        await ExpectScimErrorAsync(await PatchAsync(directory, url, new { op = "replace", path = "displayName", value = "Changed" }, new { op = "replace", path = "shoeSize", value = 42 }),
            HttpStatusCode.BadRequest, "invalidPath");
        await ExpectScimErrorAsync(await PatchAsync(directory, url, new { op = "replace", path = $"{Enterprise}:manager", value = Org.MemberId.ToString() }), HttpStatusCode.BadRequest, "invalidValue");
        await ExpectScimErrorAsync(await PatchAsync(directory, url, new { op = "replace", path = "userName", value = "LEAD@example.com" }), HttpStatusCode.Conflict, "uniqueness");
        var member = await ExpectJsonAsync(await Org.Admin.GetAsync($"/api/v1/users/{Org.MemberId}"), HttpStatusCode.OK);
        Assert.That(member["displayName"]!.GetValue<string>(), Is.Not.EqualTo("Changed"));
        Assert.That(member["email"]!.GetValue<string>(), Is.EqualTo("member@example.com"));
        Assert.That(member["active"]!.GetValue<bool>(), Is.True);

        var team = await ExpectScimAsync(await directory.PostAsync("/scim/v2/Groups", Scim(new { schemas = new[] { GroupSchema }, displayName = "Ops" })), HttpStatusCode.Created);
        await ExpectScimErrorAsync(await directory.PostAsync("/scim/v2/Groups", Scim(new { schemas = new[] { GroupSchema }, displayName = "Ops" })), HttpStatusCode.Conflict, "uniqueness");
        await ExpectScimErrorAsync(await PatchAsync(directory, $"/scim/v2/Groups/{team["id"]}", new { op = "add", path = "members", value = new[] { new { value = Guid.NewGuid().ToString() } } }),
            HttpStatusCode.BadRequest, "invalidValue");
        await ExpectScimErrorAsync(await directory.GetAsync("/scim/v2/Elephants"), HttpStatusCode.NotFound);
    }

    [Test]
    public async Task TheDirectoryNeverChangesAnAdminAndANewEmailEndsSessions()
    {
        var directory = await DirectoryAsync();
        var url = $"/scim/v2/Users/{Org.AdminId}";
        await ExpectScimErrorAsync(await PatchAsync(directory, url, new { op = "replace", path = "emails[type eq \"work\"].value", value = "attacker@evil.example" }), HttpStatusCode.Forbidden);
        await ExpectScimErrorAsync(await PatchAsync(directory, url, new { op = "replace", value = new { active = false } }), HttpStatusCode.Forbidden);
        await ExpectScimErrorAsync(await directory.DeleteAsync(url), HttpStatusCode.Forbidden);
        // Saying nothing new about an admin is fine (directories PATCH everyone they sync).
        await ExpectScimAsync(await PatchAsync(directory, url, new { op = "replace", path = "userName", value = "ADMIN@example.com" }), HttpStatusCode.OK);
        var admin = await ExpectJsonAsync(await Org.Admin.GetAsync("/api/v1/users/me"), HttpStatusCode.OK);
        Assert.That(admin["email"]!.GetValue<string>(), Is.EqualTo("admin@example.com"));
        Assert.That(admin["active"]!.GetValue<bool>(), Is.True);

        // A member's new address is a new way in: their sessions end.
        await ExpectScimAsync(await PatchAsync(directory, $"/scim/v2/Users/{Org.MemberId}", new { op = "replace", path = "emails[type eq \"work\"].value", value = "member.new@example.com" }),
            HttpStatusCode.OK);
        await ExpectProblemAsync(await Org.Member.GetAsync("/api/v1/users/me"), HttpStatusCode.Unauthorized);
    }

    [Test]
    public async Task APersonTheDirectoryDeletedDoesNotBlockTheirGroups()
    {
        var directory = await DirectoryAsync();
        var group = await ExpectScimAsync(await directory.PostAsync("/scim/v2/Groups", Scim(new
        {
            schemas = new[] { GroupSchema }, displayName = "Night Shift", members = new[] { new { value = Org.MemberId.ToString() }, new { value = Org.OutsiderId.ToString() } },
        })), HttpStatusCode.Created);
        var id = group["id"]!.GetValue<string>();
        await ExpectAsync(await directory.DeleteAsync($"/scim/v2/Users/{Org.OutsiderId}"), HttpStatusCode.NoContent);
        await ExpectAsync(await PatchAsync(directory, $"/scim/v2/Groups/{id}", new { op = "replace", path = "displayName", value = "Night Owls" }), HttpStatusCode.NoContent);
        var now = await ExpectScimAsync(await directory.GetAsync($"/scim/v2/Groups/{id}"), HttpStatusCode.OK);
        Assert.That(now["members"]!.AsArray().Select(m => m!["value"]!.GetValue<string>()), Is.EqualTo(new[] { Org.MemberId.ToString() }), "the deleted person is not the directory's to see");
        var members = await ExpectJsonAsync(await Org.Admin.GetAsync($"/api/v1/teams/{id}/members"), HttpStatusCode.OK);
        Assert.That(members.ToJsonString(), Does.Contain(Org.OutsiderId.ToString()), "but stays in the team's history in Okr");
    }

    [Test]
    public async Task MalformedBodiesFiltersAndPagingAreSyntaxErrorsNotCrashes()
    {
        var directory = await DirectoryAsync();
        StringContent Raw(string json) => new(json, Encoding.UTF8, "application/scim+json");
        await ExpectScimErrorAsync(await directory.PostAsync("/scim/v2/Users", Raw("""{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"a@atko.com","userName":"b@atko.com"}""")),
            HttpStatusCode.BadRequest, "invalidSyntax");
        await ExpectScimErrorAsync(await directory.PostAsync("/scim/v2/Users", Raw("""{"userName":"\ud800@atko.com"}""")), HttpStatusCode.BadRequest, "invalidSyntax");
        await ExpectScimErrorAsync(await directory.PostAsync("/scim/v2/Users", Raw("""{"userName":"nul@atko.com","externalId":"a\u0000b"}""")), HttpStatusCode.BadRequest, "invalidValue");
        await ExpectScimErrorAsync(await directory.PostAsync("/scim/v2/Users", Raw("""[1, 2]""")), HttpStatusCode.BadRequest, "invalidSyntax");
        await ExpectScimErrorAsync(await directory.PatchAsync($"/scim/v2/Users/{Org.MemberId}", Raw("""{"schemas":[1],"Operations":[]}""")), HttpStatusCode.BadRequest, "invalidSyntax");
        await ExpectScimErrorAsync(await directory.GetAsync("/scim/v2/Users?filter=" + Uri.EscapeDataString("userName eq \"a\\q\"")), HttpStatusCode.BadRequest, "invalidFilter");
        await ExpectScimErrorAsync(await directory.GetAsync("/scim/v2/Users?count=abc"), HttpStatusCode.BadRequest, "invalidValue");
        // Operators are case-insensitive, and JSON escapes in the value work.
        var found = await ExpectScimAsync(await directory.GetAsync("/scim/v2/Users?filter=" + Uri.EscapeDataString("userName EQ \"member\u0040example.com\"")), HttpStatusCode.OK);
        Assert.That(found["totalResults"]!.GetValue<int>(), Is.EqualTo(1));
        var paged = await ExpectScimAsync(await directory.GetAsync("/scim/v2/Users?startIndex=3&count=1"), HttpStatusCode.OK);
        Assert.That(paged["startIndex"]!.GetValue<int>(), Is.EqualTo(3));
        Assert.That(paged["Resources"]!.AsArray(), Has.Count.EqualTo(1));

        // An email of one person and the userName of another: 409, not a guess.
        await ExpectScimAsync(await directory.PostAsync("/scim/v2/Users", Scim(new
        {
            schemas = new[] { Core }, userName = "jdoe", emails = new[] { new { value = "jdoe@atko.com", type = "work", primary = true } },
        })), HttpStatusCode.Created);
        await ExpectScimErrorAsync(await directory.PostAsync("/scim/v2/Users", Scim(new
        {
            schemas = new[] { Core }, userName = "JDOE", emails = new[] { new { value = "lead@example.com", type = "work", primary = true } },
        })), HttpStatusCode.Conflict, "uniqueness");
    }

    [Test]
    public async Task OnlyTheDirectoryGetsInAndItReachesNothingElse()
    {
        await ExpectScimErrorAsync(await Anonymous().GetAsync("/scim/v2/Users"), HttpStatusCode.Unauthorized);
        var forged = Anonymous();
        forged.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "okr_scim_not-a-real-secret");
        await ExpectScimErrorAsync(await forged.GetAsync("/scim/v2/Users"), HttpStatusCode.Unauthorized);
        // An admin is a person, not the directory; a write client is another integration.
        await ExpectScimErrorAsync(await Org.Admin.GetAsync("/scim/v2/Users"), HttpStatusCode.Forbidden);

        var created = await ExpectJsonAsync(await Org.Admin.PostAsJsonAsync("/api/v1/api-clients", new { name = "Entra", scope = "scim" }), HttpStatusCode.Created);
        var directory = Anonymous();
        directory.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", created["clientSecret"]!.GetValue<string>());
        await ExpectScimAsync(await directory.GetAsync("/scim/v2/Users"), HttpStatusCode.OK);
        // Least privilege: the directory reads no OKRs, and its secret is no token outside /scim/v2.
        await ExpectProblemAsync(await directory.GetAsync("/api/v1/objectives"), HttpStatusCode.Unauthorized);
        var token = await ExpectJsonAsync(await Anonymous().PostAsJsonAsync("/api/v1/auth/token", new
        {
            grantType = "client_credentials", clientId = created["client"]!["id"]!.GetValue<string>(), clientSecret = created["clientSecret"]!.GetValue<string>(),
        }), HttpStatusCode.OK);
        var withAccessToken = Anonymous();
        withAccessToken.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token["accessToken"]!.GetValue<string>());
        await ExpectScimAsync(await withAccessToken.GetAsync("/scim/v2/Users?count=1"), HttpStatusCode.OK);
        await ExpectProblemAsync(await withAccessToken.GetAsync("/api/v1/objectives"), HttpStatusCode.Forbidden);

        // Revoking the client locks the directory out at once.
        await ExpectAsync(await Org.Admin.DeleteAsync($"/api/v1/api-clients/{created["client"]!["id"]}"), HttpStatusCode.NoContent);
        await ExpectScimErrorAsync(await directory.GetAsync("/scim/v2/Users"), HttpStatusCode.Unauthorized);
    }

    /// <summary>Kim sets a password from an admin's reset link and signs in, so deprovisioning has a session to end.</summary>
    private static async Task<HttpClient> SignInAsKimAsync(HttpClient admin, string id)
    {
        var reset = await ExpectJsonAsync(await admin.PostAsync($"/api/v1/users/{id}/password-reset", null), HttpStatusCode.Accepted);
        var token = Uri.UnescapeDataString(reset["link"]!.GetValue<string>().Split("token=")[1]);
        await ExpectAsync(await Anonymous().PostAsJsonAsync("/api/v1/auth/password-reset/confirm", new { token, newPassword = "kims-own-long-password" }), HttpStatusCode.OK);
        return await SignInAsync("kim.lee@atko.com", "kims-own-long-password");
    }
}
