using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Okr.Api.Tests.Infrastructure;

namespace Okr.Api.Tests.Api;

/// <summary>openapi.yaml in the repository is the contract integrators code against: it must be what the API serves.</summary>
public sealed class OpenApiContractTests : ApiTest
{
    private static readonly string[] Methods = ["get", "post", "put", "patch", "delete"];

    private static string RepositoryFile(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Okr.sln"))) return Path.Combine(dir.FullName, name);
        }

        throw new InvalidOperationException("Okr.sln not found above " + AppContext.BaseDirectory);
    }

    [Test]
    public async Task RepositoryOpenApiYamlIsWhatTheApiServes()
    {
        var served = await Anonymous().GetStringAsync("/swagger/v1/swagger.yaml");
        var path = RepositoryFile("openapi.yaml");
        if (Environment.GetEnvironmentVariable("OKR_UPDATE_OPENAPI") == "1")
        {
            await File.WriteAllTextAsync(path, served, new UTF8Encoding(false));
            Assert.Pass("openapi.yaml refreshed from the running API.");
        }

        Assert.That(File.Exists(path), Is.True, "openapi.yaml is missing: run `make openapi`.");
        var committed = await File.ReadAllTextAsync(path);
        Assert.That(committed, Is.EqualTo(served),
            "openapi.yaml differs from what the API serves at /swagger/v1/swagger.yaml. If the change is intended, run `make openapi` and commit the file.");
    }

    [Test]
    public async Task TheDocumentListsPathsTagsAndSchemasInOrdinalOrderWhateverTheCulture()
    {
        var document = await DocumentAsync();
        static void Ordinal(IEnumerable<string> names, string what)
        {
            var list = names.ToList();
            Assert.That(list, Is.EqualTo(list.Order(StringComparer.Ordinal).ToList()), what);
        }

        Ordinal(document["paths"]!.AsObject().Select(p => p.Key), "paths");
        Ordinal(document["tags"]!.AsArray().Select(t => t!["name"]!.GetValue<string>()), "tags");
        Ordinal(document["components"]!["schemas"]!.AsObject().Select(s => s.Key), "schemas");
        Assert.That(System.Globalization.CultureInfo.CurrentCulture.Name, Is.Empty, "tests run the API with invariant globalization, as make run does");
    }

    private static async Task<JsonObject> DocumentAsync() =>
        JsonNode.Parse(await Anonymous().GetStringAsync("/swagger/v1/swagger.json"))!.AsObject();

    private static IEnumerable<(string Path, string Method, JsonObject Operation)> Operations(JsonObject document) =>
        from path in document["paths"]!.AsObject()
        from method in Methods
        let operation = path.Value![method]
        where operation is not null
        select (path.Key, method, operation.AsObject());

    [Test]
    public async Task EveryOperationIsNamedSummarisedAndDocumentsItsAnswers()
    {
        var document = await DocumentAsync();
        var operations = Operations(document).ToList();
        Assert.That(operations, Has.Count.GreaterThanOrEqualTo(25));
        Assert.That(operations.Select(o => o.Operation["operationId"]?.GetValue<string>()), Is.Unique.And.All.Not.Null);

        Assert.Multiple(() =>
        {
            foreach (var (path, method, operation) in operations)
            {
                var name = $"{method.ToUpperInvariant()} {path}";
                Assert.That(operation["summary"]?.GetValue<string>(), Is.Not.Null.And.Not.Empty, name);
                var responses = operation["responses"]!.AsObject();
                var success = responses.Where(r => r.Key.StartsWith('2')).ToList();
                Assert.That(success, Is.Not.Empty, $"{name} documents no success answer");
                if (success.All(s => s.Key != "204"))
                {
                    Assert.That(success[0].Value!["content"]?["application/json"]?["schema"], Is.Not.Null, $"{name} has no typed response");
                }

                var errors = responses.Where(r => r.Key.StartsWith('4')).ToList();
                Assert.That(errors, Is.Not.Empty, $"{name} documents no error answer");
                foreach (var error in errors)
                {
                    Assert.That(error.Value!["content"]?["application/problem+json"], Is.Not.Null, $"{name} {error.Key} is not problem+json");
                }

                if (method is "post" or "patch" && operation["requestBody"] is { } body)
                {
                    Assert.That(body["content"]?["application/json"]?["schema"], Is.Not.Null, $"{name} has no typed request");
                }

                var anonymous = TakesNoToken(path);
                // A token is required (Bearer, or the same token by an OAuth2 flow), or explicitly none: "security: []".
                Assert.That(operation["security"]?.AsArray().Count > 0, Is.EqualTo(!anonymous), $"{name} security");
                Assert.That(operation["security"], Is.Not.Null, $"{name} says nothing about security");
                if (!anonymous) Assert.That(responses.ContainsKey("401"), Is.True, $"{name} does not document 401");
            }
        });
    }

    [Test]
    public async Task RequiredFieldsOfResponsesAreNotNullable()
    {
        var schemas = (await DocumentAsync())["components"]!["schemas"]!.AsObject();
        var objective = schemas["Objective"]!.AsObject();
        var required = objective["required"]!.AsArray().Select(r => r!.GetValue<string>()).ToList();
        Assert.That(required, Is.SupersetOf(new[] { "id", "title", "periodId", "teamId", "level", "progress", "expectedProgress", "status", "keyResults", "version" }));
        Assert.That(required, Does.Contain("ownerId"), "always sent, null for team objectives");
        Assert.That(objective["properties"]!["ownerId"]!["nullable"]?.GetValue<bool>(), Is.True);
        Assert.That(objective["properties"]!["title"]!["nullable"], Is.Null);
        var create = schemas["CreateObjectiveCommand"]!.AsObject();
        Assert.That(create["required"]!.AsArray().Select(r => r!.GetValue<string>()), Is.EquivalentTo(new[] { "title", "periodId", "teamId" }));
        Assert.That(schemas["Direction"]!["enum"]!.AsArray().Select(e => e!.GetValue<string>()),
            Is.EqualTo(new[] { "increase", "decrease", "stay_above", "stay_below" }));
    }

    /// <summary>
    /// Optional enums and objects of requests are nullable, so generated clients (NSwag, Kiota) send them only when set
    /// instead of a default ("role": "admin" for a change of name); what answers send as null is nullable too.
    /// </summary>
    [TestCase("UpdateUserRequest", "role")]
    [TestCase("ImportUser", "role")]
    [TestCase("ImportMembership", "role")]
    [TestCase("UpdateObjectiveRequest", "state")]
    [TestCase("UpdatePeriodRequest", "state")]
    [TestCase("UpdateKeyResultRequest", "type")]
    [TestCase("UpdateKeyResultRequest", "direction")]
    [TestCase("ImportJob", "counts")]
    [TestCase("ImportJob", "problem")]
    [TestCase("NotificationSettings", "chat")]
    public async Task ReferencedFieldsThatMayBeLeftOutOrNullAreNullable(string schema, string property)
    {
        var field = (await DocumentAsync())["components"]!["schemas"]![schema]!["properties"]![property]!;
        Assert.That(field["nullable"]?.GetValue<bool>(), Is.True, $"{schema}.{property}: {field.ToJsonString()}");
        Assert.That(field["allOf"]?[0]?["$ref"], Is.Not.Null, "the type itself is still the referenced one");
    }

    [Test]
    public async Task VersionsAreUnsigned32BitNumbersInAnInt64()
    {
        var version = (await DocumentAsync())["components"]!["schemas"]!["Objective"]!["properties"]!["version"]!;
        Assert.That((version["format"]!.GetValue<string>(), version["minimum"]!.GetValue<long>(), version["maximum"]!.GetValue<long>()), Is.EqualTo(("int64", 0L, 4294967295L)));
    }

    /// <summary>The limits the validators enforce are schema keywords, read from the rules (ValidationLimitsSchemaFilter).</summary>
    [TestCase("CreateObjectiveCommand", "title", "maxLength", 200)]
    [TestCase("CreateObjectiveCommand", "title", "minLength", 1)]
    [TestCase("CreateObjectiveCommand", "keyResults", "maxItems", 25)]
    [TestCase("CreateObjectiveCommand", "alignedShare", "maximum", 1)]
    [TestCase("UpdateObjectiveRequest", "title", "maxLength", 200)]
    [TestCase("UpdateObjectiveRequest", "finalScore", "maximum", 1)]
    [TestCase("RecordCheckInRequest", "confidence", "minimum", 0)]
    [TestCase("RecordCheckInRequest", "confidence", "maximum", 10)]
    [TestCase("CreateKeyResultRequest", "cadenceDays", "maximum", 366)]
    [TestCase("UpdateKeyResultRequest", "cadenceDays", "minimum", 1)]
    [TestCase("CreateCommentRequest", "mentions", "maxItems", 50)]
    public async Task ValidatorLimitsArePublishedAsSchemaKeywords(string schema, string property, string keyword, long value)
    {
        var field = (await DocumentAsync())["components"]!["schemas"]![schema]!["properties"]![property]!;
        Assert.That(field[keyword]?.GetValue<long>(), Is.EqualTo(value), $"{schema}.{property}: {field.ToJsonString()}");
    }

    [Test]
    public async Task TheTeamSlugPatternIsTheValidatorsOwn()
    {
        var slug = (await DocumentAsync())["components"]!["schemas"]!["CreateTeamCommand"]!["properties"]!["slug"]!;
        Assert.That(slug["pattern"]?.GetValue<string>(), Is.EqualTo(Features.Teams.TeamRules.SlugPattern));
    }

    [Test]
    public async Task PatchTakesJsonMergePatchExceptWhereItsBodyListsChanges()
    {
        var document = await DocumentAsync();
        await Assert.MultipleAsync(async () =>
        {
            foreach (var (path, method, operation) in Operations(document).Where(o => o.Method == "patch"))
            {
                var types = operation["requestBody"]!["content"]!.AsObject().Select(c => c.Key).ToArray();
                string[] expected = path == "/api/v1/users/me/notification-settings"
                    ? ["application/json"]
                    : ["application/json", "application/merge-patch+json"];
                Assert.That(types, Is.EquivalentTo(expected), $"PATCH {path}");
            }
            await Task.CompletedTask;
        });
    }

    [Test]
    public async Task EveryOperationHasADefaultProblemAnswer()
    {
        var document = await DocumentAsync();
        Assert.Multiple(() =>
        {
            foreach (var (path, method, operation) in Operations(document))
            {
                Assert.That(operation["responses"]?["default"]?["content"]?["application/problem+json"], Is.Not.Null, $"{method.ToUpperInvariant()} {path}");
            }
            Assert.That(document["info"]!["license"]?["name"]?.GetValue<string>(), Is.EqualTo("MIT"));
            Assert.That(document["tags"]!.AsArray().All(t => t!["description"] is not null), "every tag is described");
        });
    }

    /// <summary>The operations that take credentials or a link's token instead of a bearer token.</summary>
    private static bool TakesNoToken(string path) => path.StartsWith("/api/v1/auth/", StringComparison.Ordinal) || path == "/api/v1/invitations/accept";

    /// <summary>Calls every operation of the document without a token: all but the /auth endpoints must answer 401, so a new endpoint cannot forget authorization.</summary>
    [Test]
    public async Task EveryOperationButSignInRefusesAnonymousCallers()
    {
        var document = await DocumentAsync();
        var client = Anonymous();
        await Assert.MultipleAsync(async () =>
        {
            foreach (var (path, method, operation) in Operations(document))
            {
                if (TakesNoToken(path)) continue; // sign-in, refresh, logout, resets and accepting an invitation take credentials or a link's token instead
                var url = System.Text.RegularExpressions.Regex.Replace(path, "{[^}]+}", Guid.NewGuid().ToString());
                using var request = new HttpRequestMessage(new HttpMethod(method.ToUpperInvariant()), url)
                {
                    Content = method is "post" or "patch" ? new StringContent("{}", Encoding.UTF8, "application/json") : null,
                };
                var response = await client.SendAsync(request);
                Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), $"{method.ToUpperInvariant()} {path}");
            }
        });
    }
}
