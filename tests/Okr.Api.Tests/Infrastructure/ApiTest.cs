using Microsoft.AspNetCore.Mvc.Testing;
using Okr.Api.Tests.Api;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Okr.Api.Domain;

namespace Okr.Api.Tests.Infrastructure;

/// <summary>Base of the HTTP tests: an empty database before every test, and helpers that speak the wire format.</summary>
public abstract class ApiTest
{
    public const string Password = "correct-horse-battery";

    [SetUp]
    public Task ResetDatabaseAsync() => GlobalSetup.ResetAsync();

    protected static OkrApiFactory Factory => GlobalSetup.Factory;

    protected static HttpClient Anonymous() => Factory.CreateClient();

    /// <summary>Adds a person straight to the database (there is no one yet to create the first admin through the API).</summary>
    protected static async Task<Guid> AddUserAsync(string email, OrgRole role = OrgRole.Member, string name = "Someone")
    {
        var user = new User { Email = email, DisplayName = name, Role = role, CreatedAt = DateTimeOffset.UtcNow };
        user.PasswordHash = Factory.Services.GetRequiredService<IPasswordHasher<User>>().HashPassword(user, Password);
        await GlobalSetup.WithDbAsync(async db =>
        {
            db.Users.Add(user);
            await db.SaveChangesAsync();
        });
        return user.Id;
    }

    protected static async Task AddMembershipAsync(Guid teamId, Guid userId, TeamRole role) =>
        await GlobalSetup.WithDbAsync(async db =>
        {
            db.TeamMemberships.Add(new TeamMembership { TeamId = teamId, UserId = userId, Role = role });
            await db.SaveChangesAsync();
        });

    /// <summary>A client that signs in through the real token endpoint and sends the JWT it got.</summary>
    protected static async Task<HttpClient> SignInAsync(string email, string password = Password, WebApplicationFactory<Program>? instance = null)
    {
        var client = (instance ?? Factory).CreateClient();
        var response = await client.PostAsJsonAsync("/api/v1/auth/token", new { email, password });
        await ExpectAsync(response, HttpStatusCode.OK);
        var token = (await JsonAsync(response))["accessToken"]!.GetValue<string>();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    protected static async Task<JsonNode> JsonAsync(HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync()) ?? throw new AssertionException("The response body is empty.");

    protected static async Task<JsonNode> ExpectJsonAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        await ExpectAsync(response, status);
        return await JsonAsync(response);
    }

    protected static async Task ExpectAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        if (response.StatusCode != status)
        {
            Assert.Fail($"Expected {(int)status} but got {(int)response.StatusCode} for {response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: " +
                        await response.Content.ReadAsStringAsync());
        }
    }

    /// <summary>Asserts an RFC 9457 answer with the status and, when given, an error entry for the field.</summary>
    protected static async Task<JsonNode> ExpectProblemAsync(HttpResponseMessage response, HttpStatusCode status, string? field = null)
    {
        await ExpectAsync(response, status);
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
        var problem = await JsonAsync(response);
        Assert.That(problem["status"]!.GetValue<int>(), Is.EqualTo((int)status));
        if (field is not null)
        {
            var errors = problem["errors"]?.AsObject();
            Assert.That(errors, Is.Not.Null, $"No field errors in {problem.ToJsonString()}");
            Assert.That(errors!.Select(e => e.Key), Does.Contain(field), problem.ToJsonString());
        }

        return problem;
    }

    protected static Task<HttpResponseMessage> PostRawAsync(HttpClient client, string url, string json) =>
        client.PostAsync(url, new StringContent(json, Encoding.UTF8, "application/json"));

    protected static async Task<HttpResponseMessage> PatchAsync(HttpClient client, string url, object body, string? ifMatch)
    {
        using var request = new HttpRequestMessage(HttpMethod.Patch, url) { Content = JsonContent.Create(body) };
        if (ifMatch is not null) request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return await client.SendAsync(request);
    }

    protected static Guid Id(JsonNode node) => Guid.Parse(node["id"]!.GetValue<string>());
}
