using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Okr.Api.Tests.Infrastructure;

namespace Okr.Api.Tests.Api;

/// <summary>
/// Answers to reads go out compressed (Brotli or gzip, as Accept-Encoding asks) and read back as the same JSON; answers
/// that may carry secrets (the token endpoint, every write) never are (BREACH).
/// </summary>
public sealed class CompressionTests : OrganisationTest
{
    private static HttpRequestMessage Get(string url, string encoding) =>
        new(HttpMethod.Get, url) { Headers = { { "Accept-Encoding", encoding } } };

    private static async Task<string> DecodedAsync(HttpResponseMessage response)
    {
        await using var body = await response.Content.ReadAsStreamAsync();
        await using Stream decoded = response.Content.Headers.ContentEncoding.SingleOrDefault() switch
        {
            "br" => new BrotliStream(body, CompressionMode.Decompress),
            "gzip" => new GZipStream(body, CompressionMode.Decompress),
            null => body,
            var other => throw new AssertionException($"Unexpected Content-Encoding {other}"),
        };
        using var reader = new StreamReader(decoded);
        return await reader.ReadToEndAsync();
    }

    [TestCase("br", "br")]
    [TestCase("gzip", "gzip")]
    [TestCase("gzip, deflate, br", "br")]
    [TestCase("identity", null)]
    public async Task TheTreeGoesOutInTheEncodingAskedForAndReadsTheSame(string acceptEncoding, string? expected)
    {
        for (var i = 0; i < 20; i++) await CompanyObjectiveAsync($"Objective {i} with a title long enough to repeat", Metric("Signups", "increase", 0, 100));
        var url = $"/api/v1/alignment?periodId={Org.PeriodId}";
        var plain = await Org.Member.GetAsync(url);
        await ExpectAsync(plain, HttpStatusCode.OK);
        var plainText = await plain.Content.ReadAsStringAsync();
        Assert.That(plain.Content.Headers.ContentEncoding, Is.Empty, "nothing asked, nothing compressed");

        var response = await Org.Member.SendAsync(Get(url, acceptEncoding));
        await ExpectAsync(response, HttpStatusCode.OK);
        Assert.That(response.Content.Headers.ContentEncoding.SingleOrDefault(), Is.EqualTo(expected));
        Assert.That(response.Headers.Vary, Does.Contain("Accept-Encoding"), "caches keep one copy per encoding");
        var text = await DecodedAsync(response);
        Assert.That(JsonNode.DeepEquals(JsonNode.Parse(text), JsonNode.Parse(plainText)), Is.True);
        if (expected is not null)
        {
            Assert.That(response.Content.Headers.ContentLength ?? (await response.Content.ReadAsByteArrayAsync()).Length, Is.LessThan(plainText.Length / 3),
                "a repetitive JSON list shrinks severalfold");
        }
    }

    [Test]
    public async Task ProblemDetailsOfAReadAreCompressedToo()
    {
        var response = await Org.Member.SendAsync(Get($"/api/v1/objectives/{Guid.NewGuid()}", "br"));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(response.Content.Headers.ContentEncoding.SingleOrDefault(), Is.EqualTo("br"));
        Assert.That(JsonNode.Parse(await DecodedAsync(response))!["status"]!.GetValue<int>(), Is.EqualTo(404));
    }

    [Test]
    public async Task AnswersThatMayCarrySecretsAreNeverCompressed()
    {
        var token = new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/token")
        {
            Headers = { { "Accept-Encoding", "br, gzip" } },
            Content = JsonContent.Create(new { email = "member@example.com", password = Password }),
        };
        var signIn = await Anonymous().SendAsync(token);
        await ExpectAsync(signIn, HttpStatusCode.OK);
        Assert.That(signIn.Content.Headers.ContentEncoding, Is.Empty, "a token next to text the caller chose");

        var create = new HttpRequestMessage(HttpMethod.Post, "/api/v1/api-clients")
        {
            Headers = { { "Accept-Encoding", "br, gzip" } },
            Content = JsonContent.Create(new { name = "Importer", scope = "read" }),
        };
        var created = await Org.Admin.SendAsync(create);
        await ExpectAsync(created, HttpStatusCode.Created);
        Assert.That(created.Content.Headers.ContentEncoding, Is.Empty, "a new API client's secret");
        Assert.That((await JsonAsync(created))["clientSecret"]?.GetValue<string>(), Is.Not.Null.And.Not.Empty);
    }
}
