using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text.Json.Nodes;
using Mediator;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Okr.Api.Features.Periods;
using Okr.Api.Features.Webhooks;
using Okr.Api.Infrastructure.Auth;
using Okr.Api.Infrastructure.Persistence;
using Okr.Api.Tests.Infrastructure;
using StandardWebhooks;

namespace Okr.Api.Tests.Api;

/// <summary>
/// The event stream and webhooks (docs/events.md), end to end: events written with their change (and not without it),
/// read by cursor with drafts kept from those who may not read them, delivered to a real local receiver signed as
/// Standard Webhooks says, in order per subject, retried, redelivered, switched off on 410, and never sent where SSRF
/// protection says no.
/// </summary>
public sealed class EventsAndWebhooksTests : OrganisationTest
{
    private static async Task<JsonNode> EventsAsync(HttpClient client, string query = "")
    {
        return await ExpectJsonAsync(await client.GetAsync($"/api/v1/events?limit=500{query}"), HttpStatusCode.OK);
    }

    private static IEnumerable<string> Types(JsonNode page) => page["items"]!.AsArray().Select(e => e!["type"]!.GetValue<string>());

    private async Task<(Guid Id, string Secret)> CreateWebhookAsync(string url, params string[] eventTypes)
    {
        var created = await ExpectJsonAsync(await Org.Admin.PostAsJsonAsync("/api/v1/webhooks", new { url, eventTypes, description = "Test receiver" }), HttpStatusCode.Created);
        return (Id(created["webhook"]!), created["secret"]!.GetValue<string>());
    }

    /// <summary>Runs the delivery worker (as an instance would) until <paramref name="done"/> or 15 s.</summary>
    private static async Task DeliverUntilAsync(Func<bool> done, WebApplicationFactory<Program>? instance = null)
    {
        var worker = (instance ?? Factory).Services.GetRequiredService<DeliveryWorker>();
        var until = DateTime.UtcNow.AddSeconds(15);
        while (!done() && DateTime.UtcNow < until)
        {
            if (await worker.RunOnceAsync(CancellationToken.None) == 0) await Task.Delay(100);
        }

        Assert.That(done(), Is.True, "the deliveries did not arrive in time");
    }

    private static async Task<JsonNode> DeliveriesAsync(HttpClient admin, Guid webhook) =>
        await ExpectJsonAsync(await admin.GetAsync($"/api/v1/webhooks/{webhook}/deliveries?pageSize=200"), HttpStatusCode.OK);

    private async Task<HttpClient> ClientWithScopeAsync(string scope)
    {
        var created = await ExpectJsonAsync(await Org.Admin.PostAsJsonAsync("/api/v1/api-clients", new { name = $"Sync {scope}", scope }), HttpStatusCode.Created);
        var token = await ExpectJsonAsync(await Anonymous().PostAsJsonAsync("/api/v1/auth/token", new
        {
            grantType = "client_credentials", clientId = created["client"]!["id"]!.GetValue<string>(), clientSecret = created["clientSecret"]!.GetValue<string>(),
        }), HttpStatusCode.OK);
        var client = Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token["accessToken"]!.GetValue<string>());
        return client;
    }

    [Test]
    public async Task ChangesBecomeEventsWhoseDataIsTheResourceAsGetShowsIt()
    {
        var objective = await ProductObjectiveAsync(null, "Delight customers", Metric("NPS", "increase", 10, 50));
        var keyResultId = Id(objective["keyResults"]![0]!);
        await ExpectJsonAsync(await Org.Lead.PostAsJsonAsync($"/api/v1/key-results/{keyResultId}/check-ins", new { value = 30, confidence = 7, note = "Survey in" }), HttpStatusCode.Created);
        var afterCheckIn = await ExpectJsonAsync(await Org.Lead.GetAsync($"/api/v1/key-results/{keyResultId}"), HttpStatusCode.OK);

        var page = await EventsAsync(Org.Admin);
        var items = page["items"]!.AsArray();
        Assert.That(Types(page), Is.SupersetOf(new[] { "objective.created", "check_in.created" }));
        // objective.created carries its key results, as GET shows them.
        var created = items.Single(e => e!["type"]!.GetValue<string>() == "objective.created")!;
        Assert.Multiple(() =>
        {
            Assert.That(created["subject"]!["type"]!.GetValue<string>(), Is.EqualTo("objective"));
            Assert.That(created["subject"]!["id"]!.GetValue<string>(), Is.EqualTo(Id(objective).ToString()));
            Assert.That(created["actor"]!["userId"]!.GetValue<string>(), Is.EqualTo(Org.LeadId.ToString()));
            Assert.That(created["data"]!["title"]!.GetValue<string>(), Is.EqualTo("Delight customers"));
            Assert.That(created["data"]!["keyResults"]![0]!["title"]!.GetValue<string>(), Is.EqualTo("NPS"));
            Assert.That(created["data"]!["permissions"], Is.Null, "permissions belong to a caller, not to an event");
            Assert.That(created["sequence"]!.GetValue<long>(), Is.GreaterThan(0));
        });
        var checkIn = items.Single(e => e!["type"]!.GetValue<string>() == "check_in.created")!;
        Assert.That(checkIn["data"]!["value"]!.GetValue<decimal>(), Is.EqualTo(30m));
        Assert.That(checkIn["data"]!["note"]!.GetValue<string>(), Is.EqualTo("Survey in"));
        // What a check-in writes into its key result is told by check_in.created, not as a key-result update.
        Assert.That(Types(page), Does.Not.Contain("key_result.updated"));

        // An update of the key result is one: its data reads as GET reads it afterwards.
        var version = (await Org.Lead.GetAsync($"/api/v1/key-results/{keyResultId}")).Headers.ETag!.Tag;
        await ExpectJsonAsync(await PatchAsync(Org.Lead, $"/api/v1/key-results/{keyResultId}", new { title = "Net promoter score" }, version), HttpStatusCode.OK);
        var next = await EventsAsync(Org.Admin, "&after=" + page["nextCursor"]!.GetValue<string>());
        var updated = next["items"]!.AsArray().Single()!;
        var now = await ExpectJsonAsync(await Org.Lead.GetAsync($"/api/v1/key-results/{keyResultId}"), HttpStatusCode.OK);
        Assert.Multiple(() =>
        {
            Assert.That(updated["type"]!.GetValue<string>(), Is.EqualTo("key_result.updated"));
            Assert.That(updated["data"]!["title"]!.GetValue<string>(), Is.EqualTo("Net promoter score"));
            Assert.That(updated["data"]!["progress"]!.GetValue<decimal>(), Is.EqualTo(now["progress"]!.GetValue<decimal>()));
            Assert.That(updated["data"]!["version"]!.GetValue<long>(), Is.EqualTo(now["version"]!.GetValue<long>()));
            Assert.That(afterCheckIn["currentValue"]!.GetValue<decimal>(), Is.EqualTo(30m));
        });

        // Reading on from the last cursor gives nothing new, and the cursor stays.
        var empty = await EventsAsync(Org.Admin, "&after=" + next["nextCursor"]!.GetValue<string>());
        Assert.That(empty["items"]!.AsArray(), Is.Empty);
        Assert.That(empty["nextCursor"]!.GetValue<string>(), Is.EqualTo(next["nextCursor"]!.GetValue<string>()));

        // Deleting says so, with its id and last version.
        var objectiveVersion = (await Org.Lead.GetAsync($"/api/v1/objectives/{Id(objective)}")).Headers.ETag!.Tag;
        using var delete = new HttpRequestMessage(HttpMethod.Delete, $"/api/v1/objectives/{Id(objective)}");
        delete.Headers.TryAddWithoutValidation("If-Match", objectiveVersion);
        Assert.That((await Org.Lead.SendAsync(delete)).StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        var deleted = (await EventsAsync(Org.Admin, "&types=objective.deleted"))["items"]!.AsArray().Single()!;
        Assert.That(deleted["data"]!["id"]!.GetValue<string>(), Is.EqualTo(Id(objective).ToString()));
        Assert.That(deleted["data"]!["version"], Is.Not.Null);
    }

    [Test]
    public async Task DraftsReachOnlyThoseWhoMayReadThem()
    {
        var draft = await CreateObjectiveAsync(Org.Member, new { title = "Secret plan", periodId = Org.PeriodId, teamId = Org.ProductId, ownerId = Org.MemberId, state = "draft" });
        await ProductObjectiveAsync(null, "Public plan");

        var admin = await EventsAsync(Org.Admin, "&types=objective.created");
        Assert.That(admin["items"]!.AsArray().Select(e => e!["data"]!["title"]!.GetValue<string>()), Is.EquivalentTo(new[] { "Secret plan", "Public plan" }));

        var events = await ClientWithScopeAsync("events");
        var client = await EventsAsync(events, "&types=objective.created");
        Assert.That(client["items"]!.AsArray().Select(e => e!["data"]!["title"]!.GetValue<string>()), Is.EquivalentTo(new[] { "Public plan" }));
        Assert.That(client.ToJsonString(), Does.Not.Contain(Id(draft).ToString()));

        // Only admins and events clients read the stream.
        await ExpectProblemAsync(await Org.Member.GetAsync("/api/v1/events"), HttpStatusCode.Forbidden);
        await ExpectProblemAsync(await (await ClientWithScopeAsync("read")).GetAsync("/api/v1/events"), HttpStatusCode.Forbidden);
        await ExpectProblemAsync(await Org.Admin.GetAsync("/api/v1/events?limit=0"), HttpStatusCode.BadRequest, "limit");
        await ExpectProblemAsync(await Org.Admin.GetAsync("/api/v1/events?after=yesterday"), HttpStatusCode.BadRequest, "after");
        await ExpectProblemAsync(await Org.Admin.GetAsync("/api/v1/events?types=objective.exploded"), HttpStatusCode.BadRequest, "types");
    }

    [Test]
    public async Task ARolledBackChangeLeavesNoEventAndACommittedOneAlwaysHasIt()
    {
        // A command sent inside a transaction the test then rolls back: its event was written in that same transaction.
        await using var scope = Factory.Services.CreateAsyncScope();
        var accessor = scope.ServiceProvider.GetRequiredService<IHttpContextAccessor>();
        accessor.HttpContext = new DefaultHttpContext
        {
            RequestServices = scope.ServiceProvider,
            User = new ClaimsPrincipal(new ClaimsIdentity(
                [new Claim(TokenService.SubjectClaim, Org.AdminId.ToString()), new Claim(TokenService.KindClaim, "user"), new Claim(TokenService.RoleClaim, "admin")], "test")),
        };
        var db = scope.ServiceProvider.GetRequiredService<OkrDbContext>();
        var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            var period = await mediator.Send(new CreatePeriodCommand("Rolled back", today.AddDays(100), today.AddDays(190)));
            Assert.That(await db.Events.CountAsync(e => e.SubjectId == period.Id && e.Type == "period.created"), Is.EqualTo(1), "written with the change, before the commit");
            await transaction.RollbackAsync();
        });

        accessor.HttpContext = null;
        var stream = await EventsAsync(Org.Admin, "&types=period.created");
        Assert.That(stream.ToJsonString(), Does.Not.Contain("Rolled back"));
        Assert.That(await (await Org.Admin.GetAsync("/api/v1/periods?pageSize=100")).Content.ReadAsStringAsync(), Does.Not.Contain("Rolled back"));

        // A refused change writes nothing, and no event either.
        await ExpectProblemAsync(await Org.Admin.PostAsJsonAsync("/api/v1/periods", new { label = "", startDate = today, endDate = today.AddDays(10) }), HttpStatusCode.BadRequest, "label");
        Assert.That(Types(await EventsAsync(Org.Admin, "&types=period.created")).Count(), Is.EqualTo(Types(stream).Count()));
    }

    [Test]
    public async Task StatusChangesAreAnnouncedOnceWhenACheckInMovesThem()
    {
        var objective = await SinceThePeriodStartedAsync(() => ProductObjectiveAsync(null, "Grow", Metric("Signups", "increase", 0, 100)));
        var keyResultId = Id(objective["keyResults"]![0]!);
        // Halfway through the period at 45 of 100 with good confidence: on track; then confidence collapses: at risk.
        await ExpectJsonAsync(await Org.Lead.PostAsJsonAsync($"/api/v1/key-results/{keyResultId}/check-ins", new { value = 50, confidence = 8 }), HttpStatusCode.Created);
        await ExpectJsonAsync(await Org.Lead.PostAsJsonAsync($"/api/v1/key-results/{keyResultId}/check-ins", new { value = 50, confidence = 1 }), HttpStatusCode.Created);
        await ExpectJsonAsync(await Org.Lead.PostAsJsonAsync($"/api/v1/key-results/{keyResultId}/check-ins", new { value = 51, confidence = 1 }), HttpStatusCode.Created);
        var status = (await ExpectJsonAsync(await Org.Lead.GetAsync($"/api/v1/key-results/{keyResultId}"), HttpStatusCode.OK))["status"]!.GetValue<string>();

        var changes = (await EventsAsync(Org.Admin, "&types=key_result.status_changed"))["items"]!.AsArray();
        Assert.That(status, Is.EqualTo("at_risk"));
        Assert.That(changes[^1]!["data"]!["status"]!.GetValue<string>(), Is.EqualTo("at_risk"));
        Assert.That(changes[^1]!["data"]!["previousStatus"]!.GetValue<string>(), Is.EqualTo("on_track"));
        Assert.That(changes.Count(e => e!["data"]!["status"]!.GetValue<string>() == "at_risk"), Is.EqualTo(1), "the third check-in left it at risk: no second announcement");
        Assert.That(changes[^1]!["actor"]!["userId"]!.GetValue<string>(), Is.EqualTo(Org.LeadId.ToString()));
    }

    [Test]
    public async Task DeliveriesAreSignedOrderedPerSubjectRetriedAndRedelivered()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        // The first request fails (a 503 asking to wait briefly), then the receiver recovers.
        receiver.Answer = (_, n) => Task.FromResult(n == 0 ? 503 : 200);
        var (webhookId, secret) = await CreateWebhookAsync(receiver.Url + "/okr", "objective.created", "objective.updated");
        Assert.That(secret, Does.StartWith("whsec_"));

        var objective = await ProductObjectiveAsync(null, "Version 1");
        for (var i = 2; i <= 4; i++)
        {
            var version = (await Org.Lead.GetAsync($"/api/v1/objectives/{Id(objective)}")).Headers.ETag!.Tag;
            await ExpectJsonAsync(await PatchAsync(Org.Lead, $"/api/v1/objectives/{Id(objective)}", new { title = $"Version {i}" }, version), HttpStatusCode.OK);
        }

        await DeliverUntilAsync(() => receiver.Received.Count(r => r.AnsweredWith == 200) == 4);
        var delivered = receiver.Received.Where(r => r.AnsweredWith == 200).ToList();
        // In order: the failed first delivery held the later ones of the same subject back until it went through.
        Assert.That(delivered.Select(r => r.Json["data"]!["title"]!.GetValue<string>()), Is.EqualTo(new[] { "Version 1", "Version 2", "Version 3", "Version 4" }));
        Assert.That(receiver.Received[0].AnsweredWith, Is.EqualTo(503));
        Assert.That(receiver.Received[0].Headers["webhook-id"].ToString(), Is.EqualTo(delivered[0].Headers["webhook-id"].ToString()), "a retry keeps its webhook-id");

        // Every request verifies with the Standard Webhooks library and the secret shown at creation.
        var verifier = new StandardWebhook(secret);
        foreach (var request in receiver.Received) Assert.DoesNotThrow(() => verifier.Verify(request.Body, request.Headers));
        Assert.Throws<StandardWebhooks.Diagnostics.WebhookVerificationException>(() => new StandardWebhook(WebhookSecrets.NewSecret()).Verify(delivered[0].Body, delivered[0].Headers));
        Assert.That(delivered[0].Json["type"]!.GetValue<string>(), Is.EqualTo("objective.created"));

        var log = (await DeliveriesAsync(Org.Admin, webhookId))["items"]!.AsArray();
        Assert.That(log.Select(d => d!["status"]!.GetValue<string>()), Is.All.EqualTo("succeeded"));
        var first = log.Single(d => d!["attempts"]!.GetValue<int>() == 2)!;
        Assert.That(first["lastStatusCode"]!.GetValue<int>(), Is.EqualTo(200));
        Assert.That(first["responseSnippet"]!.GetValue<string>(), Is.EqualTo("thanks"));

        // Redelivery sends it again with the same webhook-id.
        await ExpectJsonAsync(await Org.Admin.PostAsync($"/api/v1/webhooks/{webhookId}/deliveries/{Id(first)}/redeliver", null), HttpStatusCode.Accepted);
        await DeliverUntilAsync(() => receiver.Received.Count(r => r.AnsweredWith == 200) == 5);
        Assert.That(receiver.Received[^1].Headers["webhook-id"].ToString(), Is.EqualTo(first["eventId"]!.GetValue<string>()));

        // A test ping reaches this webhook only, and never the event stream.
        var ping = await ExpectJsonAsync(await Org.Admin.PostAsync($"/api/v1/webhooks/{webhookId}/test", null), HttpStatusCode.Accepted);
        Assert.That(ping["eventType"]!.GetValue<string>(), Is.EqualTo("ping"));
        await DeliverUntilAsync(() => receiver.Received.Any(r => r.Json["type"]!.GetValue<string>() == "ping"));
        Assert.That(Types(await EventsAsync(Org.Admin)), Does.Not.Contain("ping"));

        // Rotation: for a day both secrets sign (the new one first), so the receiver can switch.
        var rotated = await ExpectJsonAsync(await Org.Admin.PostAsync($"/api/v1/webhooks/{webhookId}/rotate-secret", null), HttpStatusCode.OK);
        await ExpectJsonAsync(await Org.Admin.PostAsync($"/api/v1/webhooks/{webhookId}/test", null), HttpStatusCode.Accepted);
        await DeliverUntilAsync(() => receiver.Received.Count(r => r.Json["type"]!.GetValue<string>() == "ping") == 2);
        var last = receiver.Received[^1];
        Assert.DoesNotThrow(() => new StandardWebhook(rotated["secret"]!.GetValue<string>()).Verify(last.Body, last.Headers));
        var timestamp = DateTimeOffset.FromUnixTimeSeconds(long.Parse(last.Headers["webhook-timestamp"].ToString(), System.Globalization.CultureInfo.InvariantCulture));
        var withOld = verifier.Sign(last.Headers["webhook-id"].ToString(), timestamp, last.Body);
        Assert.That(last.Headers["webhook-signature"].ToString().Split(' '), Has.Length.EqualTo(2).And.Contains(withOld));
    }

    [Test]
    public async Task A410SwitchesTheWebhookOffAndClientErrorsAreNotRetried()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Answer = (context, _) => Task.FromResult(context.Request.Path == "/gone" ? 410 : 400);
        var (gone, _) = await CreateWebhookAsync(receiver.Url + "/gone", "objective.created");
        var (refusing, _) = await CreateWebhookAsync(receiver.Url + "/refusing", "objective.created");
        await ProductObjectiveAsync(null, "Anything");

        await DeliverUntilAsync(() => receiver.Received.Count == 2);
        var webhook = await ExpectJsonAsync(await Org.Admin.GetAsync($"/api/v1/webhooks/{gone}"), HttpStatusCode.OK);
        Assert.That(webhook["active"]!.GetValue<bool>(), Is.False);
        Assert.That(webhook["disabledReason"]!.GetValue<string>(), Does.Contain("410"));
        var dead = (await DeliveriesAsync(Org.Admin, refusing))["items"]![0]!;
        Assert.That(dead["status"]!.GetValue<string>(), Is.EqualTo("dead"));
        Assert.That(dead["lastStatusCode"]!.GetValue<int>(), Is.EqualTo(400));

        // Switched off, it receives nothing new; redelivering is refused until it is on again.
        await ProductObjectiveAsync(null, "After the 410");
        Assert.That((await DeliveriesAsync(Org.Admin, gone))["items"]!.AsArray(), Has.Count.EqualTo(1));
        var delivery = Id((await DeliveriesAsync(Org.Admin, gone))["items"]![0]!);
        await ExpectProblemAsync(await Org.Admin.PostAsync($"/api/v1/webhooks/{gone}/deliveries/{delivery}/redeliver", null), HttpStatusCode.UnprocessableEntity, "active");
    }

    [Test]
    public async Task SlowRedirectingAndGarbageReceiversAreLoggedNotFatal()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Answer = async (context, _) =>
        {
            switch (context.Request.Path.Value)
            {
                case "/slow":
                    await Task.Delay(TimeSpan.FromSeconds(4)); // the tests' timeout is 2 s
                    return 200;
                case "/loop":
                    context.Response.StatusCode = 302;
                    context.Response.Headers.Location = "/loop";
                    return 302;
                case "/elsewhere":
                    context.Response.StatusCode = 307;
                    context.Response.Headers.Location = receiver.Url.Replace("127.0.0.1", "localhost") + "/ok";
                    return 307;
                default:
                    context.Response.StatusCode = 500;
                    await context.Response.Body.WriteAsync(new byte[] { 0xff, 0xfe, 0x00, 0x41 });
                    return 500;
            }
        };
        var slow = (await CreateWebhookAsync(receiver.Url + "/slow", "period.created")).Id;
        var loop = (await CreateWebhookAsync(receiver.Url + "/loop", "period.created")).Id;
        var elsewhere = (await CreateWebhookAsync(receiver.Url + "/elsewhere", "period.created")).Id;
        var garbage = (await CreateWebhookAsync(receiver.Url + "/garbage", "period.created")).Id;
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        await ExpectJsonAsync(await Org.Admin.PostAsJsonAsync("/api/v1/periods", new { label = "Next", startDate = today.AddDays(100), endDate = today.AddDays(190) }), HttpStatusCode.Created);

        async Task<JsonNode> Last(Guid webhook) => (await DeliveriesAsync(Org.Admin, webhook))["items"]![0]!;
        await DeliverUntilAsync(() => receiver.Received.Count(r => r.Path == "/loop") >= 6 && receiver.Received.Any(r => r.Path == "/slow")
                                      && receiver.Received.Any(r => r.Path == "/garbage") && receiver.Received.Any(r => r.Path == "/elsewhere"));
        await DeliverUntilAsync(() => Last(slow).Result["lastError"] is not null);
        Assert.Multiple(async () =>
        {
            Assert.That((await Last(slow))["lastError"]!.GetValue<string>(), Does.Contain("No answer within 2 s"));
            Assert.That((await Last(slow))["status"]!.GetValue<string>(), Is.EqualTo("retrying"));
            Assert.That((await Last(loop))["lastError"]!.GetValue<string>(), Does.Contain("redirect loop"));
            Assert.That((await Last(loop))["status"]!.GetValue<string>(), Is.EqualTo("dead"));
            Assert.That((await Last(elsewhere))["lastError"]!.GetValue<string>(), Does.Contain("another host"));
            Assert.That((await Last(garbage))["lastStatusCode"]!.GetValue<int>(), Is.EqualTo(500));
            Assert.That((await Last(garbage))["status"]!.GetValue<string>(), Is.EqualTo("retrying"));
        });
        Assert.That(receiver.Received.Any(r => r.Path == "/ok"), Is.False, "a redirect to another host is never followed");
    }

    [Test]
    public async Task BadWebhooksAreRefusedNamingTheField()
    {
        async Task Refused(object body, string field) =>
            await ExpectProblemAsync(await Org.Admin.PostAsJsonAsync("/api/v1/webhooks", body), HttpStatusCode.BadRequest, field);

        await Refused(new { url = "http://hooks.example.com/okr", eventTypes = new[] { "objective.created" } }, "url");
        await Refused(new { url = "ftp://hooks.example.com/okr", eventTypes = new[] { "objective.created" } }, "url");
        await Refused(new { url = "not a url", eventTypes = new[] { "objective.created" } }, "url");
        await Refused(new { url = "https://10.1.2.3/okr", eventTypes = new[] { "objective.created" } }, "url");
        await Refused(new { url = "https://169.254.169.254/latest/meta-data", eventTypes = new[] { "objective.created" } }, "url");
        await Refused(new { url = "https://[::1]/okr", eventTypes = new[] { "objective.created" } }, "url");
        await Refused(new { url = "https://localhost/okr", eventTypes = new[] { "objective.created" } }, "url");
        await Refused(new { url = "https://user:pw@hooks.example.com/okr", eventTypes = new[] { "objective.created" } }, "url");
        await Refused(new { url = "https://hooks.example.com/okr", eventTypes = Array.Empty<string>() }, "eventTypes");
        await Refused(new { url = "https://hooks.example.com/okr", eventTypes = new[] { "objective.exploded" } }, "eventTypes[0]");
        await Refused(new { url = "https://hooks.example.com/okr", eventTypes = new[] { "ping" } }, "eventTypes[0]");
        await Refused(new { url = "https://hooks.example.com/okr" }, "eventTypes");
        Assert.That((await ExpectJsonAsync(await Org.Admin.GetAsync("/api/v1/webhooks"), HttpStatusCode.OK))["items"]!.AsArray(), Is.Empty, "nothing was written");

        await ExpectProblemAsync(await Org.Lead.PostAsJsonAsync("/api/v1/webhooks", new { url = "https://hooks.example.com/okr", eventTypes = new[] { "objective.created" } }), HttpStatusCode.Forbidden);
        var created = await ExpectJsonAsync(await Org.Admin.PostAsJsonAsync("/api/v1/webhooks", new { url = "https://hooks.example.com/okr", eventTypes = new[] { "objective.created" } }), HttpStatusCode.Created);
        var list = await ExpectJsonAsync(await Org.Admin.GetAsync("/api/v1/webhooks"), HttpStatusCode.OK);
        Assert.That(list.ToJsonString(), Does.Not.Contain(created["secret"]!.GetValue<string>()), "the secret is shown once");
        var version = (await Org.Admin.GetAsync($"/api/v1/webhooks/{Id(created["webhook"]!)}")).Headers.ETag!.Tag;
        await ExpectProblemAsync(await PatchAsync(Org.Admin, $"/api/v1/webhooks/{Id(created["webhook"]!)}", new { eventTypes = new[] { "nope" } }, version), HttpStatusCode.BadRequest, "eventTypes[0]");
        await ExpectProblemAsync(await PatchAsync(Org.Admin, $"/api/v1/webhooks/{Id(created["webhook"]!)}", new { url = "http://192.168.1.10/x" }, version), HttpStatusCode.BadRequest, "url");
    }

    [Test]
    public async Task ANameThatResolvesToAPrivateAddressIsRefusedWhenConnecting()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var port = new Uri(receiver.Url).Port;
        await using var instance = Factory.WithWebHostBuilder(builder => builder.ConfigureServices(services =>
        {
            services.RemoveAll<WebhookDns>();
            services.AddSingleton<WebhookDns>(new FixedDns());
        }));
        // A public-looking name passes the URL check; only the connection learns where it leads.
        var (webhook, _) = await CreateWebhookAsync($"https://hooks.internal.example:{port}/okr", "period.created");
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        await ExpectJsonAsync(await Org.Admin.PostAsJsonAsync("/api/v1/periods", new { label = "Later", startDate = today.AddDays(100), endDate = today.AddDays(190) }), HttpStatusCode.Created);

        JsonNode? last = null;
        await DeliverUntilAsync(() => (last = DeliveriesAsync(Org.Admin, webhook).Result["items"]![0]!)["status"]!.GetValue<string>() == "dead", instance);
        Assert.That(last!["lastError"]!.GetValue<string>(), Does.Contain("resolves to 127.0.0.1"));
        Assert.That(receiver.Received, Is.Empty);
    }

    private sealed class FixedDns : WebhookDns
    {
        public override Task<IPAddress[]> ResolveAsync(string host, CancellationToken ct) => Task.FromResult(new[] { IPAddress.Loopback });
    }

    [Test]
    public async Task TwoInstancesDeliverEachEventExactlyOnce()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await CreateWebhookAsync(receiver.Url + "/okr", "check_in.created");
        var objective = await ProductObjectiveAsync(null, "Busy", Metric("Calls", "increase", 0, 1000));
        var keyResultId = Id(objective["keyResults"]![0]!);
        for (var i = 1; i <= 30; i++)
        {
            await ExpectJsonAsync(await Org.Lead.PostAsJsonAsync($"/api/v1/key-results/{keyResultId}/check-ins", new { value = i * 10, confidence = 6 }), HttpStatusCode.Created);
        }

        await using var second = Factory.WithWebHostBuilder(_ => { });
        var deadline = DateTime.UtcNow.AddSeconds(20);
        var one = Factory.Services.GetRequiredService<DeliveryWorker>();
        var two = second.Services.GetRequiredService<DeliveryWorker>();
        while (receiver.Received.Count < 30 && DateTime.UtcNow < deadline)
        {
            await Task.WhenAll(one.RunOnceAsync(CancellationToken.None), two.RunOnceAsync(CancellationToken.None));
        }

        await Task.Delay(300);
        var ids = receiver.Received.Select(r => r.Headers["webhook-id"].ToString()).ToList();
        Assert.That(ids, Has.Count.EqualTo(30));
        Assert.That(ids, Is.Unique);
    }
}
