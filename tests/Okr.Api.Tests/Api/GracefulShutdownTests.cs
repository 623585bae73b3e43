using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using Npgsql;
using Okr.Api.Tests.Infrastructure;

namespace Okr.Api.Tests.Api;

/// <summary>
/// The API as `make run` starts it, in a process of its own, told to stop (SIGTERM) while clients keep writing: every
/// write it acknowledged is stored, and no request it accepted gets a 5xx.
/// </summary>
public sealed class GracefulShutdownTests : OrganisationTest
{
    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Okr.sln"))) return dir.FullName;
        }

        throw new InvalidOperationException("Okr.sln not found");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [Test]
    public async Task OnSigtermEveryAcknowledgedWriteIsStoredAndNoAcceptedRequestFails()
    {
        var objective = await CompanyObjectiveAsync("Keep going", Metric("Writes", "increase", 0, 100000));
        var keyResult = Id(objective["keyResults"]![0]!);
        var root = RepositoryRoot();
        var url = $"http://127.0.0.1:{FreePort()}";
        var start = new ProcessStartInfo("dotnet", [Path.Combine(root, "api", "bin", "Debug", "net10.0", "Okr.Api.dll"), "--urls", url, "--contentRoot", Path.Combine(root, "api")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment =
            {
                ["OKR_DATABASE"] = TestDatabase.ConnectionString,
                ["OKR_SIGNING_KEY"] = OkrApiFactory.SigningKey,
                ["OKR_SEED_DEMO"] = "false",
                ["OKR_SHUTDOWN_DRAIN_SECONDS"] = "20",
                ["Logging__LogLevel__Default"] = "Warning",
            },
        };
        using var api = Process.Start(start)!;
        var log = new System.Text.StringBuilder();
        api.OutputDataReceived += (_, e) => { lock (log) log.AppendLine(e.Data); };
        api.ErrorDataReceived += (_, e) => { lock (log) log.AppendLine(e.Data); };
        api.BeginOutputReadLine();
        api.BeginErrorReadLine();
        using var http = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(30) };
        for (var i = 0; i < 100 && !await ReadyAsync(http); i++) await Task.Delay(200);
        Assert.That(await ReadyAsync(http), Is.True, "the API started: " + log);

        // Tokens are signed with the same key as the in-memory API's, so the admin signs in once here.
        var token = await ExpectJsonAsync(await http.PostAsJsonAsync("/api/v1/auth/token", new { email = "admin@example.com", password = Password }), HttpStatusCode.OK);
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token["accessToken"]!.GetValue<string>());

        var acknowledged = new System.Collections.Concurrent.ConcurrentBag<Guid>();
        var serverErrors = new System.Collections.Concurrent.ConcurrentBag<string>();
        using var stop = new CancellationTokenSource();
        var writers = Enumerable.Range(0, 4).Select(w => Task.Run(async () =>
        {
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                try
                {
                    var response = await http.PostAsJsonAsync($"/api/v1/key-results/{keyResult}/check-ins", new { value = w * 10000 + i });
                    if (response.StatusCode == HttpStatusCode.Created) acknowledged.Add(Id(await JsonAsync(response)));
                    else if ((int)response.StatusCode >= 500) serverErrors.Add($"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                }
                catch (HttpRequestException)
                {
                    return; // refused or reset after the signal: never accepted, so never acknowledged
                }
            }
        })).ToArray();

        await Task.Delay(1500);
        Assert.That(acknowledged, Is.Not.Empty, "writes were flowing before the signal");

        // A long request in flight when the signal comes: an import of 8,000 objectives (a second or more of work).
        var objectives = new System.Text.Json.Nodes.JsonArray([.. Enumerable.Range(0, 8000).Select(i => (System.Text.Json.Nodes.JsonNode)new System.Text.Json.Nodes.JsonObject
        {
            ["externalId"] = $"drain-{i}", ["title"] = $"Drained {i}", ["period"] = "Current", ["team"] = "example",
        })]);
        var import = http.PostAsync("/api/v1/imports", new StringContent(new System.Text.Json.Nodes.JsonObject { ["objectives"] = objectives }.ToJsonString(),
            System.Text.Encoding.UTF8, "application/json"));
        await Task.Delay(300);
        Assert.That(import.IsCompleted, Is.False, "the import is still running when the signal comes");
        using (var kill = Process.Start("kill", ["-TERM", api.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])) await kill!.WaitForExitAsync();
        var exited = api.WaitForExit(25_000);
        stop.Cancel();
        await Task.WhenAll(writers);

        Assert.That(exited, Is.True, "the API exits within its drain: " + log);
        var imported = await import;
        Assert.That(imported.StatusCode, Is.EqualTo(HttpStatusCode.OK), "the import accepted before the signal finished: " + await imported.Content.ReadAsStringAsync());
        Assert.That(serverErrors, Is.Empty);
        await using var connection = new NpgsqlConnection(TestDatabase.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM check_ins WHERE id = ANY(@ids)", connection);
        command.Parameters.AddWithValue("ids", acknowledged.ToArray());
        Assert.That((long)(await command.ExecuteScalarAsync())!, Is.EqualTo(acknowledged.Count), "every acknowledged check-in is stored");
        await using var drained = new NpgsqlCommand("SELECT count(*) FROM objectives WHERE external_id LIKE 'drain-%'", connection);
        Assert.That((long)(await drained.ExecuteScalarAsync())!, Is.EqualTo(8000), "the import accepted before the signal is stored whole");
    }

    private static async Task<bool> ReadyAsync(HttpClient http)
    {
        try
        {
            return (await http.GetAsync("/health/ready")).IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }
}
