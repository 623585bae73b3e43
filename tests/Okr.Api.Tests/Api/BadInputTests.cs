using System.Net;
using System.Net.Http.Json;
using System.Text;
using Okr.Api.Tests.Infrastructure;

namespace Okr.Api.Tests.Api;

/// <summary>Anything a client can send gets a 4xx problem+json that names the field, never a 500, and changes nothing.</summary>
public sealed class BadInputTests : OrganisationTest
{
    private static IEnumerable<TestCaseData> BadBodies()
    {
        yield return new TestCaseData("{\"title\": \"x\", ", "body").SetName("TruncatedJsonIs400");
        yield return new TestCaseData("[1,2,3]", "body").SetName("ArrayInsteadOfObjectIs400");
        yield return new TestCaseData("{\"title\": 42, \"periodId\": \"PERIOD\", \"teamId\": \"TEAM\"}", "title").SetName("NumberForTextIs400");
        yield return new TestCaseData("{\"title\": \"x\", \"periodId\": \"PERIOD\", \"teamId\": \"TEAM\", \"weight\": \"heavy\"}", "weight").SetName("TextForNumberIs400");
        yield return new TestCaseData("{\"title\": \"x\", \"periodId\": \"PERIOD\", \"teamId\": \"TEAM\", \"state\": \"done\"}", "state").SetName("UnknownEnumValueIs400");
        yield return new TestCaseData("{\"title\": \"x\", \"periodId\": \"PERIOD\", \"teamId\": \"TEAM\", \"state\": 1}", "state").SetName("EnumAsNumberIs400");
        yield return new TestCaseData("{\"title\": \"x\", \"periodId\": \"PERIOD\", \"teamId\": \"TEAM\", \"colour\": \"red\"}", "colour").SetName("UnknownFieldIs400");
        yield return new TestCaseData("{\"title\": \"x\", \"periodId\": \"yesterday\", \"teamId\": \"TEAM\"}", "periodId").SetName("MalformedIdIs400");
        yield return new TestCaseData("{\"title\": \"x\", \"periodId\": \"PERIOD\", \"teamId\": \"TEAM\", \"weight\": 1e400}", "weight").SetName("OverflowingNumberIs400");
        yield return new TestCaseData("{\"title\": \"x\", \"periodId\": \"PERIOD\", \"teamId\": \"TEAM\", \"keyResults\": [{\"title\": \"k\", \"direction\": \"sideways\"}]}",
            "keyResults[0].direction").SetName("NestedUnknownEnumIs400");
        yield return new TestCaseData("{\"title\": \"a\\u0000b\", \"periodId\": \"PERIOD\", \"teamId\": \"TEAM\"}", "title").SetName("NulInTextIs400");
        yield return new TestCaseData("{\"title\": \"x\", \"periodId\": \"PERIOD\", \"teamId\": \"TEAM\", \"keyResults\": [{\"title\": \"k\", \"type\": \"milestone\", \"unit\": \"\\u0000\"}]}",
            "keyResults[0].unit").SetName("NestedNulIs400");
        yield return new TestCaseData("{\"title\": \"" + new string('x', 100_000) + "\", \"periodId\": \"PERIOD\", \"teamId\": \"TEAM\"}", "title").SetName("HugeStringIs400");
        yield return new TestCaseData("{\"title\": \"x\", \"periodId\": \"PERIOD\", \"teamId\": \"TEAM\", \"keyResults\": [" +
            string.Join(",", Enumerable.Repeat("{\"title\":\"k\",\"type\":\"milestone\"}", 26)) + "]}", "keyResults").SetName("TooManyKeyResultsIs400");
    }

    [TestCaseSource(nameof(BadBodies))]
    public async Task CreateObjectiveRefuses(string body, string field)
    {
        var json = body.Replace("PERIOD", Org.PeriodId.ToString()).Replace("TEAM", Org.CompanyId.ToString());
        var response = await PostRawAsync(Org.Admin, "/api/v1/objectives", json);
        await ExpectProblemAsync(response, HttpStatusCode.BadRequest, field);
        var list = await ExpectJsonAsync(await Org.Admin.GetAsync("/api/v1/objectives"), HttpStatusCode.OK);
        Assert.That(list["totalCount"]!.GetValue<int>(), Is.EqualTo(0));
    }

    [Test]
    public async Task WrongContentTypeIs415()
    {
        var response = await Org.Admin.PostAsync("/api/v1/objectives", new StringContent("title=x", Encoding.UTF8, "application/x-www-form-urlencoded"));
        await ExpectProblemAsync(response, HttpStatusCode.UnsupportedMediaType);
    }

    [Test]
    public async Task PatchWithWrongContentTypeIs415()
    {
        var created = await CompanyObjectiveAsync();
        using var request = new HttpRequestMessage(HttpMethod.Patch, $"/api/v1/objectives/{Id(created)}") { Content = new StringContent("title=x", Encoding.UTF8, "text/plain") };
        request.Headers.TryAddWithoutValidation("If-Match", $"\"{created["version"]}\"");
        await ExpectProblemAsync(await Org.Admin.SendAsync(request), HttpStatusCode.UnsupportedMediaType);
    }

    [TestCase("abc")]
    [TestCase("\"1\", \"2\"")]
    public async Task MalformedIfMatchIs400(string ifMatch)
    {
        var created = await CompanyObjectiveAsync();
        await ExpectProblemAsync(await PatchAsync(Org.Admin, $"/api/v1/objectives/{Id(created)}", new { title = "x" }, ifMatch), HttpStatusCode.BadRequest, "If-Match");
    }

    [Test]
    public async Task UnknownRouteIs404ProblemAndWrongMethodIs405()
    {
        await ExpectProblemAsync(await Org.Admin.GetAsync("/api/v1/nothing-here"), HttpStatusCode.NotFound);
        await ExpectProblemAsync(await Org.Admin.GetAsync("/api/v1/objectives/not-a-guid"), HttpStatusCode.NotFound);
        await ExpectProblemAsync(await Org.Admin.PutAsJsonAsync("/api/v1/periods", new { }), HttpStatusCode.MethodNotAllowed);
    }

    [Test]
    public async Task NullBodyIs400() =>
        await ExpectProblemAsync(await PostRawAsync(Org.Admin, "/api/v1/periods", "null"), HttpStatusCode.BadRequest);

    [Test]
    public async Task CheckInOnAnUnknownKeyResultIs404() =>
        await ExpectProblemAsync(await Org.Admin.PostAsJsonAsync($"/api/v1/key-results/{Guid.NewGuid()}/check-ins", new { value = 1 }), HttpStatusCode.NotFound);

    [TestCase("/api/v1/teams?q=a%00b", "q")]
    [TestCase("/api/v1/objectives?q=%00", "q")]
    [TestCase("/api/v1/users?q=x%00", "q")]
    [TestCase("/api/v1/objectives?externalId=a%00", "externalId")]
    public async Task NulInAQueryParameterIsRefusedNamingItBeforeTheDatabase(string url, string parameter)
    {
        var problem = await ExpectProblemAsync(await Org.Admin.GetAsync(url), HttpStatusCode.BadRequest, parameter);
        Assert.That(problem["errors"]![parameter]![0]!.GetValue<string>(), Does.Contain("NUL"));
    }

    [Test]
    public async Task NulInAnImportIsRefusedNamingRowAndColumnOrPath()
    {
        var csv = "objective_external_id,objective_title,period,team\r\nA-1,Bad\0title,Current,example\r\n";
        var refused = await ExpectProblemAsync(await Org.Admin.PostAsync("/api/v1/imports", new StringContent(csv, new UTF8Encoding(false), "text/csv")),
            HttpStatusCode.UnprocessableEntity);
        Assert.That((refused["errors"]![0]!["row"]!.GetValue<int>(), refused["errors"]![0]!["field"]!.GetValue<string>()), Is.EqualTo((2, "objective_title")));

        var json = "{\"objectives\": [{\"externalId\": \"A-1\", \"title\": \"Bad\\u0000\", \"period\": \"Current\", \"team\": \"example\"}]}";
        var problem = await Org.Admin.PostAsync("/api/v1/imports", new StringContent(json, Encoding.UTF8, "application/json"));
        var body = await JsonAsync(problem);
        Assert.That((int)problem.StatusCode, Is.AnyOf(400, 422), body.ToJsonString());
        Assert.That(body.ToJsonString(), Does.Contain("NUL").And.Contain("title"));
    }

    [TestCase("Title", "")]
    [TestCase("Title", "x")]
    [TestCase("TITLE", "x")]
    public async Task AKeyInAnotherCaseIsAnUnknownFieldNotASecondWayPastTheValidators(string key, string value)
    {
        var objective = await CompanyObjectiveAsync("Kept");
        var body = $$"""{"{{key}}": "{{value + new string('x', key == "TITLE" ? 300 : 0)}}"}""";
        var request = new HttpRequestMessage(HttpMethod.Patch, $"/api/v1/objectives/{Id(objective)}") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.IfMatch.Add(new System.Net.Http.Headers.EntityTagHeaderValue($"\"{objective["version"]}\""));
        await ExpectProblemAsync(await Org.Admin.SendAsync(request), HttpStatusCode.BadRequest, key);
        var after = await ExpectJsonAsync(await Org.Admin.GetAsync($"/api/v1/objectives/{Id(objective)}"), HttpStatusCode.OK);
        Assert.That(after["title"]!.GetValue<string>(), Is.EqualTo("Kept"));
        await ExpectProblemAsync(await PostRawAsync(Org.Admin, "/api/v1/periods", """{"Label": "Q9", "startDate": "2030-01-01", "endDate": "2030-02-01"}"""),
            HttpStatusCode.BadRequest, "Label");
    }

    [TestCase("displayName", "Eve \u202e(dael)")]
    [TestCase("displayName", "Zero\u200bWidth")]
    [TestCase("displayName", "Mark\u200e")]
    [TestCase("displayName", "Tag\U000E0041")]
    [TestCase("email", "ad\u200bmin@example.com")]
    public async Task InvisibleAndDirectionChangingCharactersAreRefusedInNamesAndEmails(string field, string value)
    {
        object body = field == "displayName"
            ? new { email = "eve@example.com", displayName = value, password = "long-enough-password", role = "member" }
            : new { email = value, displayName = "Eve", password = "long-enough-password", role = "member" };
        await ExpectProblemAsync(await Org.Admin.PostAsJsonAsync("/api/v1/users", body), HttpStatusCode.BadRequest, field);

        var objective = await CompanyObjectiveAsync("Units");
        await ExpectProblemAsync(await Org.Admin.PostAsJsonAsync($"/api/v1/objectives/{Id(objective)}/key-results",
            new { title = "Reply time", direction = "decrease", baseline = 24, target = 4, unit = "hours \u202e" }), HttpStatusCode.BadRequest, "unit");
        var import = await Org.Admin.PostAsync("/api/v1/imports", new StringContent($$"""{"users": [{"email": "eve@example.com", "displayName": "Eve \u202e"}]}""", Encoding.UTF8, "application/json"));
        var problem = await ExpectProblemAsync(import, HttpStatusCode.UnprocessableEntity);
        Assert.That(problem["errors"]![0]!["field"]!.GetValue<string>(), Is.EqualTo("displayName"));
    }
}
