using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Okr.Client;

namespace Okr.Sdk.Scenarios;

/// <summary>
/// What both scenarios share: the live API's address and admin, the request bodies the generated client really sent
/// (<see cref="Recorder"/>), a plain HTTP reader for the server's own view of a resource, and the checks.
/// </summary>
public sealed class Journey(Uri baseUrl, string adminEmail, string adminPassword)
{
    public Uri BaseUrl { get; } = baseUrl;
    public string AdminEmail { get; } = adminEmail;
    public string AdminPassword { get; } = adminPassword;
    public string Stamp { get; } = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds().ToString();
    public Recorder Recorder { get; } = new() { InnerHandler = new HttpClientHandler() };

    public static void Step(string what) => Console.WriteLine($"  · {what}");

    public static void Check(bool condition, string rule)
    {
        if (!condition) throw new InvalidOperationException(rule);
    }

    /// <summary>The resource as the server holds it, read with a plain HttpClient (not the generated one).</summary>
    public async Task<JsonObject> ReadAsync(string path, ClientCredentialsTokenProvider tokens)
    {
        using var http = new HttpClient { BaseAddress = BaseUrl };
        var token = await tokens.GetAuthorizationTokenAsync(new Uri(BaseUrl, path));
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
    }

    /// <summary>The body of the last request the client sent to <paramref name="method"/> <paramref name="pathEnd"/>.</summary>
    public JsonObject SentBody(HttpMethod method, string pathEnd)
    {
        var sent = Recorder.Sent.LastOrDefault(r => r.Method == method && r.Path.EndsWith(pathEnd, StringComparison.Ordinal));
        Check(sent.Body is not null, $"the client sent no body to {method} …{pathEnd}");
        return JsonNode.Parse(sent.Body!)!.AsObject();
    }

    /// <summary>The request carried exactly the properties the scenario set, none of them null.</summary>
    public static void SentExactly(JsonObject body, string what, params string[] names)
    {
        var sent = body.Select(p => p.Key).Order(StringComparer.Ordinal).ToArray();
        Check(sent.SequenceEqual(names.Order(StringComparer.Ordinal)),
            $"{what}: the client sent [{string.Join(", ", sent)}], the scenario set only [{string.Join(", ", names)}]");
        NoNulls(body, what);
    }

    /// <summary>No property anywhere in the body is null (a null would clear a field the caller never touched).</summary>
    public static void NoNulls(JsonNode? node, string what, string path = "$")
    {
        switch (node)
        {
            case null: throw new InvalidOperationException($"{what}: the client sent null at {path}, which the scenario never set");
            case JsonObject o:
                foreach (var (key, value) in o) NoNulls(value, what, $"{path}.{key}");
                break;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++) NoNulls(a[i], what, $"{path}[{i}]");
                break;
        }
    }

    /// <summary>Every property of <paramref name="after"/> equals <paramref name="before"/>'s except the ones named.</summary>
    public static void UnchangedExcept(JsonObject before, JsonObject after, string what, params string[] changed)
    {
        foreach (var (key, value) in before)
        {
            if (changed.Contains(key)) continue;
            Check(JsonNode.DeepEquals(value, after[key]),
                $"{what}: '{key}' changed from {value?.ToJsonString() ?? "null"} to {after[key]?.ToJsonString() ?? "null"} although the scenario did not set it");
        }
    }

    /// <summary>The small import both scenarios run: a person in a team, one objective with one key result, by natural keys.</summary>
    public (string Email, string ObjectiveExternalId, string KeyResultExternalId) ImportKeys(string client) =>
        ($"sdk-{Stamp}-{client}@example.com", $"sdk-{Stamp}-{client}-objective", $"sdk-{Stamp}-{client}-kr");

    /// <summary>
    /// The import sent only what the scenario set (no role for the person or the membership, no state, no type), and the
    /// server applied its defaults: the person is a member, and a member of the team, not an admin or a lead.
    /// </summary>
    public async Task CheckImportAsync(string email, ClientCredentialsTokenProvider tokens)
    {
        var sent = SentBody(HttpMethod.Post, "/api/v1/imports");
        SentExactly(sent, "import", "users", "objectives", "keyResults");
        SentExactly(sent["users"]![0]!.AsObject(), "imported person", "email", "displayName", "teams");
        SentExactly(sent["users"]![0]!["teams"]![0]!.AsObject(), "imported membership", "team");
        SentExactly(sent["objectives"]![0]!.AsObject(), "imported objective", "externalId", "title", "period", "team");
        SentExactly(sent["keyResults"]![0]!.AsObject(), "imported key result", "externalId", "objective", "title", "direction", "baseline", "target", "unit");
        var people = (await ReadAsync($"/api/v1/users?q={Uri.EscapeDataString(email)}", tokens))["items"]!.AsArray();
        Check(people.Count == 1, $"the imported person {email} was not found");
        var person = people[0]!;
        Check((string?)person["role"] == "member", $"the imported person is {(string?)person["role"]}, not a member (nobody set a role)");
        var memberships = person["memberships"]!.AsArray();
        Check(memberships.Count == 1 && (string?)memberships[0]!["role"] == "member",
            $"the imported membership is {memberships.FirstOrDefault()?["role"]}, not member (nobody set a role)");
    }
}

/// <summary>Keeps every request's method, path and body as the generated client sent them.</summary>
public sealed class Recorder : DelegatingHandler
{
    public List<(HttpMethod Method, string Path, string? Body)> Sent { get; } = [];

    /// <summary>The last answer outside 2xx, as "status: body", for the failure message.</summary>
    public string? LastRefusal { get; private set; }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        // Reading buffers the content, so it is still sent in full afterwards.
        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        lock (Sent) Sent.Add((request.Method, request.RequestUri!.AbsolutePath, body));
        var response = await base.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            await response.Content.LoadIntoBufferAsync(cancellationToken);
            LastRefusal = $"{request.Method} {request.RequestUri!.AbsolutePath} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}";
        }
        return response;
    }
}
