using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using CsCheck;
using Okr.Api.Tests.Infrastructure;

namespace Okr.Api.Tests.Api;

/// <summary>
/// A property test: for generated key results (titles at and past their limit, with and without spaces around them,
/// every type and direction, numbers too large or too precise, units, currencies, weights, cadences) and generated
/// check-ins (values, confidences, notes at and past their limit, dates before 2000 and in the future, on a metric and on
/// a milestone), the bulk import refuses exactly the fields the API refuses, with the API's words, and what both accept
/// is stored with the same values.
/// </summary>
public sealed class ImportFieldRulesAgreeTests : OrganisationTest
{
    // Each field mostly valid, so that whole key results are accepted often enough to compare what is stored.
    private static readonly Gen<string> Titles = Mostly("Grow revenue", "", "   ", new string('t', 200), new string('t', 201), "  " + new string('t', 199), "  Padded  ");
    private static readonly Gen<string?> Types = Mostly(null, "metric", "milestone");
    private static readonly Gen<string?> Directions = Mostly("increase", null, "decrease", "stay_above");
    private static readonly Gen<decimal?> Baselines = Mostly<decimal?>(0m, null, 1m, 5m, 10m, 1.1234567m, 2_000_000_000_000m);
    private static readonly Gen<decimal?> Targets = Mostly<decimal?>(10m, null, 0m, 1m, 5m, 1.1234567m, 2_000_000_000_000m);
    private static readonly Gen<string?> Units = Mostly(null, "percent", "currency", " hours ", new string('u', 33));
    private static readonly Gen<string?> Currencies = Mostly(null, "EUR", "eur");
    private static readonly Gen<decimal?> Weights = Mostly<decimal?>(null, -1m, 0m, 3m, 1001m);
    private static readonly Gen<int?> Cadences = Mostly<int?>(null, 0, 7, 367);

    private static readonly Gen<JsonObject> KeyResults = Gen.Select(
        Gen.Select(Titles, Types, Directions, Baselines, Targets),
        Gen.Select(Units, Currencies, Weights, Cadences),
        (a, b) => Fields("title", a.Item1, "type", a.Item2, "direction", a.Item3, "baseline", a.Item4, "target", a.Item5,
            "unit", b.Item1, "currencyCode", b.Item2, "weight", b.Item3, "cadenceDays", b.Item4));

    private static readonly Gen<JsonObject> CheckIns = Gen.Select(
        Mostly(1m, 0m, 3m, 1.1234567m, 2_000_000_000_000m),
        Mostly<int?>(null, -1, 5, 11),
        Mostly(null, "  spaced out  ", new string('n', 2000), new string('n', 2001), " " + new string('n', 2000)),
        Mostly("past", "1999", "future"),
        (value, confidence, note, when) => Fields("value", value, "confidence", confidence, "note", note, "when", when));

    private int _serial;

    [Test]
    public async Task TheImportRefusesTheKeyResultsTheApiRefusesWithTheSameFieldsAndWords()
    {
        var outcomes = new HashSet<string>();
        await KeyResults.SampleAsync(async keyResult =>
        {
            // One objective each: an objective holds at most 25 key results.
            var externalId = $"kr-{++_serial}";
            var objective = await CreateObjectiveAsync(Org.Admin, new { title = "Agree", periodId = Org.PeriodId, teamId = Org.CompanyId, externalId = $"agree-{_serial}" });
            var import = await ImportAsync(new JsonObject { ["keyResults"] = new JsonArray(With(keyResult, ("externalId", externalId), ("objective", $"agree-{_serial}"))) });
            var response = await Org.Admin.PostAsJsonAsync($"/api/v1/objectives/{Id(objective)}/key-results", With(keyResult, ("externalId", externalId)));
            var api = await VerdictAsync(response);
            Assert.That(import.Refusals, Is.EqualTo(api.Refusals), keyResult.ToJsonString());
            if (api.Stored is { } stored)
            {
                var imported = await ImportedKeyResultAsync(Id(objective), $"agree-{_serial}", externalId, keyResult);
                foreach (var field in new[] { "title", "type", "direction", "baseline", "target", "unit", "currencyCode", "weight", "cadenceDays", "currentValue" })
                {
                    Assert.That(imported[field]?.ToJsonString(), Is.EqualTo(stored[field]?.ToJsonString()), $"{field} of {keyResult.ToJsonString()}");
                }
            }

            outcomes.UnionWith(api.Refusals.Count == 0 ? ["accepted"] : api.Refusals.Keys);
        }, iter: 120, threads: 1);

        // The generated cases reached acceptance and refusals of each kind of field, so the agreement is not about one case.
        Assert.That(outcomes, Is.SupersetOf(new[] { "accepted", "title", "target", "baseline", "unit", "currencyCode", "weight", "cadenceDays" }));
    }

    [Test]
    public async Task TheImportRefusesTheCheckInsTheApiRefusesWithTheSameFieldsAndWords()
    {
        var objective = await CreateObjectiveAsync(Org.Admin, new
        {
            title = "Agree", periodId = Org.PeriodId, teamId = Org.CompanyId, externalId = "agree",
            keyResults = new object[]
            {
                new { title = "Metric", direction = "increase", baseline = 0, target = 10, externalId = "metric" },
                new { title = "Milestone", type = "milestone", externalId = "milestone" },
            },
        });
        var keyResults = objective["keyResults"]!.AsArray().ToDictionary(k => k!["externalId"]!.GetValue<string>(), k => Id(k!));
        var outcomes = new HashSet<string>();
        var now = DateTimeOffset.UtcNow;
        await Gen.Select(CheckIns, Gen.Bool).SampleAsync(async (checkIn, milestone) =>
        {
            var keyResult = milestone ? "milestone" : "metric";
            var measuredAt = checkIn["when"]!.GetValue<string>() switch
            {
                "1999" => new DateTimeOffset(1999, 12, 31, 12, 0, 0, TimeSpan.Zero),
                "future" => now.AddDays(1),
                _ => now.AddMinutes(-++_serial),
            };
            var body = With(checkIn, ("measuredAt", measuredAt.ToString("O")));
            body.Remove("when");
            var import = await ImportAsync(new JsonObject { ["checkIns"] = new JsonArray(With(body, ("keyResult", keyResult))) });
            var api = await VerdictAsync(await Org.Admin.PostAsJsonAsync($"/api/v1/key-results/{keyResults[keyResult]}/check-ins", body));
            Assert.That(import.Refusals, Is.EqualTo(api.Refusals), $"{keyResult}: {body.ToJsonString()}");
            outcomes.UnionWith(api.Refusals.Count == 0 ? ["accepted"] : api.Refusals.Keys);
        }, iter: 100, threads: 1);

        Assert.That(outcomes, Is.SupersetOf(new[] { "accepted", "value", "confidence", "note", "measuredAt" }));
    }

    private sealed record Verdict(Dictionary<string, string> Refusals, JsonNode? Stored);

    /// <summary>The API's verdict: each refused field with its first message, or what it stored.</summary>
    private static async Task<Verdict> VerdictAsync(HttpResponseMessage response)
    {
        var body = await JsonAsync(response);
        if (response.IsSuccessStatusCode) return new Verdict([], body);
        Assert.That((int)response.StatusCode, Is.AnyOf(400, 422), body.ToJsonString());
        return new Verdict(body["errors"]!.AsObject().ToDictionary(e => e.Key, e => e.Value![0]!.GetValue<string>()), null);
    }

    /// <summary>A dry run of the document: each refused field with its message.</summary>
    private async Task<Verdict> ImportAsync(JsonObject document)
    {
        var response = await Org.Admin.PostAsync("/api/v1/imports?dryRun=true", new StringContent(document.ToJsonString(), Encoding.UTF8, "application/json"));
        var body = await JsonAsync(response);
        if (response.StatusCode == HttpStatusCode.OK) return new Verdict([], body);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity), body.ToJsonString());
        return new Verdict(body["errors"]!.AsArray().ToDictionary(e => e!["field"]!.GetValue<string>(), e => e!["message"]!.GetValue<string>()), null);
    }

    /// <summary>Imports the key result for real (under another externalId, on the same objective) and reads it back through the API.</summary>
    private async Task<JsonNode> ImportedKeyResultAsync(Guid objectiveId, string objective, string externalId, JsonObject keyResult)
    {
        var copy = $"{externalId}-imported";
        var document = new JsonObject { ["keyResults"] = new JsonArray(With(keyResult, ("externalId", copy), ("objective", objective))) };
        var response = await Org.Admin.PostAsync("/api/v1/imports", new StringContent(document.ToJsonString(), Encoding.UTF8, "application/json"));
        await ExpectAsync(response, HttpStatusCode.OK);
        var list = await ExpectJsonAsync(await Org.Admin.GetAsync($"/api/v1/objectives/{objectiveId}/key-results"), HttpStatusCode.OK);
        return list["items"]!.AsArray().Single(k => k!["externalId"]?.GetValue<string>() == copy)!;
    }

    /// <summary>The first value five times in six, else one of the others.</summary>
    private static Gen<T> Mostly<T>(T usual, params T[] others) => Gen.Frequency((5, Gen.Const(usual)), (1, Gen.OneOf(others)));

    /// <summary>A JSON object of name, value pairs; a null value leaves the field out.</summary>
    private static JsonObject Fields(params object?[] pairs)
    {
        var json = new JsonObject();
        for (var i = 0; i < pairs.Length; i += 2)
        {
            if (pairs[i + 1] is { } value) json[(string)pairs[i]!] = JsonValue.Create(value);
        }

        return json;
    }

    private static JsonObject With(JsonObject fields, params (string Name, string Value)[] more)
    {
        var json = fields.DeepClone().AsObject();
        foreach (var (name, value) in more) json[name] = value;
        return json;
    }
}
