using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Okr.Api.Domain;
using Okr.Api.Features.Notifications;
using Okr.Api.Features.Reminders;
using Okr.Api.Tests.Infrastructure;

namespace Okr.Api.Tests.Api;

/// <summary>
/// Notifications (docs/notifications.md): each rule makes exactly one notification per event and person, none for the
/// actor's own action and none for what the person may not read; settings decide where each kind goes; emails go out at
/// once or in the daily digest through a real SMTP server; chat posts reach a local receiver in Slack's and Teams' shapes.
/// </summary>
public sealed class NotificationsTests : OrganisationTest
{
    private static async Task<JsonNode> InboxAsync(HttpClient client) =>
        await ExpectJsonAsync(await client.GetAsync("/api/v1/notifications?pageSize=100"), HttpStatusCode.OK);

    private static async Task<List<(string Kind, string Title)>> KindsAsync(HttpClient client) =>
        [.. (await InboxAsync(client))["items"]!.AsArray().Select(n => (n!["kind"]!.GetValue<string>(), n["title"]!.GetValue<string>()))];

    private static async Task<int> UnreadAsync(HttpClient client) =>
        (await ExpectJsonAsync(await client.GetAsync("/api/v1/notifications/unread-count"), HttpStatusCode.OK))["count"]!.GetValue<int>();

    private static async Task PostAllChatAsync(WebApplicationFactory<Program>? instance = null)
    {
        var worker = (instance ?? Factory).Services.GetRequiredService<ChatWorker>();
        while (await worker.RunOnceAsync(CancellationToken.None) > 0) { }
    }

    private static Guid KeyResultOf(JsonNode objective) => Id(objective["keyResults"]![0]!);

    [Test]
    public async Task AStatusGoingAtRiskTellsItsOwnerAndTheTeamChannelButNotWhoCheckedIn()
    {
        await using var channel = await WebhookReceiver.StartAsync();
        await ExpectJsonAsync(await Org.Lead.PostAsJsonAsync($"/api/v1/teams/{Org.ProductId}/chat-channels", new { kind = "slack", url = channel.Url + "/slack", description = "#product" }), HttpStatusCode.Created);
        var objective = await SinceThePeriodStartedAsync(() => CreateObjectiveAsync(Org.Member, new
        {
            title = "Mine", periodId = Org.PeriodId, teamId = Org.ProductId, ownerId = Org.MemberId, keyResults = new[] { Metric("Signups", "increase", 0, 100, ownerId: Org.MemberId) },
        }));
        var keyResult = KeyResultOf(objective);

        // The lead checks in: on track first (no notice), then confidence collapses: at risk.
        await ExpectJsonAsync(await Org.Lead.PostAsJsonAsync($"/api/v1/key-results/{keyResult}/check-ins", new { value = 50, confidence = 8 }), HttpStatusCode.Created);
        await ExpectJsonAsync(await Org.Lead.PostAsJsonAsync($"/api/v1/key-results/{keyResult}/check-ins", new { value = 50, confidence = 1 }), HttpStatusCode.Created);
        await ExpectJsonAsync(await Org.Lead.PostAsJsonAsync($"/api/v1/key-results/{keyResult}/check-ins", new { value = 51, confidence = 1 }), HttpStatusCode.Created);

        Assert.That(await KindsAsync(Org.Member), Is.EqualTo(new[] { ("status_changed", "“Signups” is now at risk") }), "the owner, once");
        Assert.That(await KindsAsync(Org.Lead), Is.Empty, "the lead did it");
        Assert.That(await KindsAsync(Org.Admin), Is.Empty);
        Assert.That(await KindsAsync(Org.Outsider), Is.Empty);

        await PostAllChatAsync();
        var post = channel.Received.Single(r => r.Path == "/slack").Json;
        Assert.Multiple(() =>
        {
            Assert.That(post["text"]!.GetValue<string>(), Is.EqualTo("“Signups” is now at risk"));
            Assert.That(post["blocks"]![0]!["type"]!.GetValue<string>(), Is.EqualTo("section"));
            Assert.That(post["blocks"]![0]!["text"]!["type"]!.GetValue<string>(), Is.EqualTo("mrkdwn"));
            Assert.That(post["blocks"]![0]!["text"]!["text"]!.GetValue<string>(), Does.StartWith("*“Signups” is now at risk*"));
            var button = post["blocks"]![1]!["elements"]![0]!;
            Assert.That((button["type"]!.GetValue<string>(), button["text"]!["type"]!.GetValue<string>()), Is.EqualTo(("button", "plain_text")));
            Assert.That(button["url"]!.GetValue<string>(), Does.EndWith($"/objectives/{Id(objective)}#kr-{keyResult}"));
        });

        // The bell: one unread; read it, and it is gone from the count but stays in the inbox.
        Assert.That(await UnreadAsync(Org.Member), Is.EqualTo(1));
        var item = (await InboxAsync(Org.Member))["items"]![0]!;
        Assert.That(item["readAt"], Is.Null);
        var read = await ExpectJsonAsync(await Org.Member.PostAsync($"/api/v1/notifications/{Id(item)}/read", null), HttpStatusCode.OK);
        Assert.That(read["readAt"], Is.Not.Null);
        Assert.That(await UnreadAsync(Org.Member), Is.Zero);
        await ExpectProblemAsync(await Org.Outsider.PostAsync($"/api/v1/notifications/{Id(item)}/read", null), HttpStatusCode.NotFound);
        Assert.That((await ExpectJsonAsync(await Org.Member.PostAsync("/api/v1/notifications/read-all", null), HttpStatusCode.OK))["marked"]!.GetValue<int>(), Is.Zero);
    }

    [Test]
    public async Task AnObjectiveGoingAtRiskWithoutAKeyResultDoingSoTellsItsOwnerAndLeads()
    {
        var objective = await SinceThePeriodStartedAsync(() => CreateObjectiveAsync(Org.Member, new
        {
            title = "Two ways", periodId = Org.PeriodId, teamId = Org.ProductId, ownerId = Org.MemberId,
            keyResults = new[] { Metric("Slow one", "increase", 0, 100), Metric("Fast one", "increase", 0, 100) },
        }));
        var (slow, fast) = (Id(objective["keyResults"]![0]!), Id(objective["keyResults"]![1]!));
        // Halfway through the period: 10 % (at risk) and 80 % (on track) make 45 %, on track. At the start of today (45 of the
        // period's 91 days, 49.5 % expected), so that the first check-in alone (40 %) stays within 10 points of the pace: by
        // the clock, past noon UTC it would not, and the objective would be announced as behind in between.
        Factory.Clock.Set(new DateTimeOffset(DateTime.UtcNow.Date, TimeSpan.Zero));
        JsonNode read;
        try
        {
            await ExpectJsonAsync(await Org.Member.PostAsJsonAsync($"/api/v1/key-results/{fast}/check-ins", new { value = 80, confidence = 8 }), HttpStatusCode.Created);
            await ExpectJsonAsync(await Org.Member.PostAsJsonAsync($"/api/v1/key-results/{slow}/check-ins", new { value = 10, confidence = 8 }), HttpStatusCode.Created);
            read = await ExpectJsonAsync(await Org.Member.GetAsync($"/api/v1/objectives/{Id(objective)}"), HttpStatusCode.OK);
        }
        finally
        {
            Factory.Clock.Reset();
        }

        Assert.That(read["status"]!.GetValue<string>(), Is.EqualTo("on_track"));
        Assert.That(await KindsAsync(Org.Lead), Is.EqualTo(new[] { ("status_changed", "“Slow one” is now at risk") }));

        // The admin makes the fast one count for little: the objective drops to at risk, no key result moved.
        var fastRead = await Org.Admin.GetAsync($"/api/v1/key-results/{fast}");
        await ExpectJsonAsync(await PatchAsync(Org.Admin, $"/api/v1/key-results/{fast}", new { weight = 0.1 }, fastRead.Headers.ETag!.Tag), HttpStatusCode.OK);
        Assert.That((await ExpectJsonAsync(await Org.Member.GetAsync($"/api/v1/objectives/{Id(objective)}"), HttpStatusCode.OK))["status"]!.GetValue<string>(), Is.EqualTo("at_risk"));
        Assert.That(await KindsAsync(Org.Member), Is.EqualTo(new[] { ("status_changed", "The objective “Two ways” is now at risk") }));
        Assert.That((await KindsAsync(Org.Lead)).Select(k => k.Title), Is.EqualTo(new[] { "The objective “Two ways” is now at risk", "“Slow one” is now at risk" }));
        Assert.That(await KindsAsync(Org.Admin), Is.Empty);
        var events = await ExpectJsonAsync(await Org.Admin.GetAsync("/api/v1/events?limit=500&types=objective.status_changed"), HttpStatusCode.OK);
        Assert.That(events["items"]!.AsArray().Select(e => e!["data"]!["previousStatus"]!.GetValue<string>()), Has.Member("on_track"));
    }

    [Test]
    public async Task ACommentTellsWhomItMentionsAndWhoOwnsItOnceAndNeverItsAuthor()
    {
        // A team objective (no owner: its leads answer for it) with a key result the member owns.
        var objective = await SinceThePeriodStartedAsync(() => ProductObjectiveAsync(null, "Ship it", Metric("Releases", "increase", 0, 10, ownerId: Org.MemberId)));
        var keyResult = KeyResultOf(objective);
        await ExpectJsonAsync(await Org.Member.PostAsJsonAsync($"/api/v1/key-results/{keyResult}/check-ins", new { value = 6, confidence = 8, note = "Two more this week" }), HttpStatusCode.Created);

        var comment = await ExpectJsonAsync(await Org.Outsider.PostAsJsonAsync($"/api/v1/key-results/{keyResult}/comments",
            new { text = "@member and @admin: can Sales help with this?", mentions = new[] { Org.MemberId, Org.AdminId } }), HttpStatusCode.Created);
        Assert.That(comment["mentions"]!.AsArray().Select(m => m!["displayName"]!.GetValue<string>()), Is.EqualTo(new[] { "member", "Someone" }), "the admin was made without a name of their own");

        Assert.That(await KindsAsync(Org.Member), Is.EqualTo(new[] { ("mentioned", "outsider mentioned you on “Releases”") }), "mentioned once, not also as the owner");
        Assert.That((await KindsAsync(Org.Admin)).Select(k => k.Kind), Is.EqualTo(new[] { "mentioned" }));
        Assert.That(await KindsAsync(Org.Lead), Is.EqualTo(new[] { ("commented", "outsider commented on “Releases”") }), "the lead of a team objective");
        Assert.That(await KindsAsync(Org.Outsider), Is.Empty, "never the author");

        // Editing: only people newly mentioned are told; the others are not told again.
        var etag = (await Org.Outsider.GetAsync($"/api/v1/key-results/{keyResult}/comments")).Headers.ETag;
        var version = (await ExpectJsonAsync(await Org.Outsider.GetAsync($"/api/v1/key-results/{keyResult}/comments"), HttpStatusCode.OK))["items"]!.AsArray()
            .Single(e => e!["kind"]!.GetValue<string>() == "comment")!["version"]!.GetValue<uint>();
        Assert.That(etag, Is.Null, "a list has no ETag of its own");
        var edited = await ExpectJsonAsync(await PatchAsync(Org.Outsider, $"/api/v1/comments/{Id(comment)}",
            new { text = "@member, @admin and @lead: can Sales help?", mentions = new[] { Org.MemberId, Org.AdminId, Org.LeadId } }, $"\"{version}\""), HttpStatusCode.OK);
        Assert.That(edited["editedAt"], Is.Not.Null);
        Assert.That((await KindsAsync(Org.Lead)).Select(k => k.Kind), Is.EquivalentTo(new[] { "commented", "mentioned" }));
        Assert.That(await KindsAsync(Org.Member), Has.Count.EqualTo(1));
        await ExpectProblemAsync(await PatchAsync(Org.Member, $"/api/v1/comments/{Id(comment)}", new { text = "Not mine" }, $"\"{edited["version"]}\""), HttpStatusCode.Forbidden);
        // Dropping the member and mentioning her again does not tell her twice.
        var dropped = await ExpectJsonAsync(await PatchAsync(Org.Outsider, $"/api/v1/comments/{Id(comment)}",
            new { text = "@admin and @lead: can Sales help?", mentions = new[] { Org.AdminId, Org.LeadId } }, $"\"{edited["version"]}\""), HttpStatusCode.OK);
        edited = await ExpectJsonAsync(await PatchAsync(Org.Outsider, $"/api/v1/comments/{Id(comment)}",
            new { text = "@member, @admin and @lead: can Sales help?", mentions = new[] { Org.MemberId, Org.AdminId, Org.LeadId } }, $"\"{dropped["version"]}\""), HttpStatusCode.OK);
        Assert.That(await KindsAsync(Org.Member), Has.Count.EqualTo(1));
        await ExpectProblemAsync(await PatchAsync(Org.Outsider, $"/api/v1/comments/{Id(comment)}", new { text = "Stale" }, $"\"{version}\""), HttpStatusCode.PreconditionFailed);

        // The key result's story reads top to bottom: the check-in with its note, then the comment.
        var thread = await ExpectJsonAsync(await Org.Member.GetAsync($"/api/v1/key-results/{keyResult}/comments"), HttpStatusCode.OK);
        var entries = thread["items"]!.AsArray();
        Assert.That(entries.Select(e => e!["kind"]!.GetValue<string>()), Is.EqualTo(new[] { "check_in", "comment" }));
        Assert.That(entries[0]!["text"]!.GetValue<string>(), Is.EqualTo("Two more this week"));
        Assert.That(entries[0]!["value"]!.GetValue<decimal>(), Is.EqualTo(6m));
        Assert.That(entries[1]!["mentions"]!.AsArray().Select(m => m!["id"]!.GetValue<Guid>()), Is.EqualTo(new[] { Org.MemberId, Org.AdminId, Org.LeadId }));
        Assert.That(entries[1]!["permissions"]!["canEdit"]!.GetValue<bool>(), Is.False, "the member did not write it");
        Assert.That((await ExpectJsonAsync(await Org.Member.GetAsync($"/api/v1/objectives/{Id(objective)}/comments"), HttpStatusCode.OK))["totalCount"]!.GetValue<int>(), Is.Zero,
            "the objective's own thread holds only its own comments");

        // An admin may delete it (moderation): what it said leaves the inboxes; the audit log keeps it.
        await ExpectAsync(await Org.Admin.DeleteAsync($"/api/v1/comments/{Id(comment)}"), HttpStatusCode.NoContent);
        Assert.That(await KindsAsync(Org.Member), Is.Empty);
        Assert.That(await KindsAsync(Org.Lead), Is.Empty);
        var audit = await ExpectJsonAsync(await Org.Admin.GetAsync($"/api/v1/audit?entityId={Id(comment)}"), HttpStatusCode.OK);
        Assert.That(audit["items"]!.AsArray().Select(a => a!["action"]!.GetValue<string>()), Is.SupersetOf(new[] { "created", "updated", "deleted" }));
    }

    [Test]
    public async Task SomeoneWithMentionsOffIsStillToldOfACommentOnWhatTheyOwn()
    {
        await ExpectJsonAsync(await PatchAsync(Org.Member, "/api/v1/users/me/notification-settings",
            new { kinds = new[] { new { kind = "mentioned", inApp = false, email = "off" } } }, null), HttpStatusCode.OK);
        var objective = await SinceThePeriodStartedAsync(() => ProductObjectiveAsync(null, "Ship it", Metric("Releases", "increase", 0, 10, ownerId: Org.MemberId)));
        await ExpectJsonAsync(await Org.Lead.PostAsJsonAsync($"/api/v1/key-results/{KeyResultOf(objective)}/comments",
            new { text = "@member how is it going?", mentions = new[] { Org.MemberId } }), HttpStatusCode.Created);
        Assert.That(await KindsAsync(Org.Member), Is.EqualTo(new[] { ("commented", "lead commented on “Releases”") }));
    }

    [Test]
    public async Task ADraftsThreadIsTheDraftsAndMentionsMustBeAbleToReadIt()
    {
        var draft = await CreateObjectiveAsync(Org.Member, new { title = "Secret plan", periodId = Org.PeriodId, teamId = Org.ProductId, ownerId = Org.MemberId, state = "draft" });
        var url = $"/api/v1/objectives/{Id(draft)}/comments";
        await ExpectProblemAsync(await Org.Outsider.GetAsync(url), HttpStatusCode.NotFound);
        await ExpectProblemAsync(await Org.Outsider.PostAsJsonAsync(url, new { text = "Hi" }), HttpStatusCode.NotFound);
        await ExpectProblemAsync(await Org.Member.PostAsJsonAsync(url, new { text = "@outsider look", mentions = new[] { Org.OutsiderId } }), HttpStatusCode.UnprocessableEntity, "mentions[0]");
        await ExpectProblemAsync(await Org.Member.PostAsJsonAsync(url, new { text = "ghost", mentions = new[] { Guid.NewGuid() } }), HttpStatusCode.UnprocessableEntity, "mentions[0]");
        await ExpectProblemAsync(await Org.Member.PostAsJsonAsync(url, new { text = new string('a', 10_001) }), HttpStatusCode.BadRequest, "text");
        await ExpectProblemAsync(await Org.Member.PostAsJsonAsync(url, new { text = "  " }), HttpStatusCode.BadRequest, "text");
        await ExpectProblemAsync(await Org.Member.PostAsJsonAsync(url, new { text = "twice", mentions = new[] { Org.LeadId, Org.LeadId } }), HttpStatusCode.BadRequest, "mentions");
        Assert.That((await ExpectJsonAsync(await Org.Member.GetAsync(url), HttpStatusCode.OK))["totalCount"]!.GetValue<int>(), Is.Zero, "nothing written");
        Assert.That(await KindsAsync(Org.Outsider), Is.Empty);

        // The team's lead may read the draft: mentioning him works, and tells him.
        await ExpectJsonAsync(await Org.Member.PostAsJsonAsync(url, new { text = "@lead thoughts?", mentions = new[] { Org.LeadId } }), HttpStatusCode.Created);
        Assert.That((await KindsAsync(Org.Lead)).Select(k => k.Kind), Is.EqualTo(new[] { "mentioned" }));
        Assert.That((await ExpectJsonAsync(await Org.Lead.GetAsync(url), HttpStatusCode.OK))["totalCount"]!.GetValue<int>(), Is.EqualTo(1));

        // Viewers read but do not comment; API clients have no inbox.
        await AddUserAsync("viewer@example.com", OrgRole.Viewer, "Viewer");
        var viewer = await SignInAsync("viewer@example.com");
        var open = await SinceThePeriodStartedAsync(() => ProductObjectiveAsync(null, "Open"));
        await ExpectJsonAsync(await viewer.GetAsync($"/api/v1/objectives/{Id(open)}/comments"), HttpStatusCode.OK);
        await ExpectProblemAsync(await viewer.PostAsJsonAsync($"/api/v1/objectives/{Id(open)}/comments", new { text = "Hi" }), HttpStatusCode.Forbidden);
        await ExpectJsonAsync(await viewer.GetAsync("/api/v1/notifications/unread-count"), HttpStatusCode.OK);
    }

    [Test]
    public async Task AligningToYourObjectiveTellsYouUnlessYouMayNotSeeTheNewOne()
    {
        // A team objective has no owner: its team's leads answer for it.
        var team = await SinceThePeriodStartedAsync(() => ProductObjectiveAsync(null, "Product's"));
        await CreateObjectiveAsync(Org.Member, new { title = "Member's", periodId = Org.PeriodId, teamId = Org.ProductId, ownerId = Org.MemberId, parentId = Id(team) });
        // The outsider's draft under it: the lead leads Product, not Sales, so he may not see it, and is not told.
        await CreateObjectiveAsync(Org.Outsider, new { title = "Outsider's draft", periodId = Org.PeriodId, teamId = Org.SalesId, ownerId = Org.OutsiderId, parentId = Id(team), state = "draft" });
        // His own objective aligned by himself: no notice either.
        await CreateObjectiveAsync(Org.Lead, new { title = "Lead's", periodId = Org.PeriodId, teamId = Org.ProductId, ownerId = Org.LeadId, parentId = Id(team) });
        Assert.That(await KindsAsync(Org.Lead), Is.EqualTo(new[] { ("aligned", "member aligned “Member's” to your objective “Product's”") }));
        Assert.That(await KindsAsync(Org.Admin), Is.Empty);

        // Moving an existing objective under it tells him too; changing something else does not.
        var later = await CreateObjectiveAsync(Org.Member, new { title = "Later", periodId = Org.PeriodId, teamId = Org.ProductId, ownerId = Org.MemberId });
        var moved = await ExpectJsonAsync(await PatchAsync(Org.Member, $"/api/v1/objectives/{Id(later)}", new { parentId = Id(team) }, $"\"{later["version"]}\""), HttpStatusCode.OK);
        await ExpectJsonAsync(await PatchAsync(Org.Member, $"/api/v1/objectives/{Id(later)}", new { title = "Later, renamed" }, $"\"{moved["version"]}\""), HttpStatusCode.OK);
        Assert.That((await KindsAsync(Org.Lead)).Count(k => k.Kind == "aligned"), Is.EqualTo(2));
    }

    [Test]
    public async Task ScheduledOneOnOnesAndClosedPeriodsTellWhoTakesPart()
    {
        await GlobalSetup.WithDbAsync(db => db.Users.Where(u => u.Id == Org.MemberId).ExecuteUpdateAsync(s => s.SetProperty(u => u.ManagerId, Org.LeadId)));
        var at = DateTimeOffset.UtcNow.AddHours(5);
        var conversation = await ExpectJsonAsync(await Org.Lead.PostAsJsonAsync("/api/v1/conversations", new { employeeId = Org.MemberId, scheduledAt = at }), HttpStatusCode.Created);
        Assert.That(await KindsAsync(Org.Member), Is.EqualTo(new[] { ("conversation_scheduled", "lead scheduled a 1:1 with you") }));
        Assert.That(await KindsAsync(Org.Lead), Is.Empty);
        Assert.That((await InboxAsync(Org.Member))["items"]![0]!["conversationId"]!.GetValue<Guid>(), Is.EqualTo(Id(conversation)));

        // The daily run: within a day, the packet is ready, for both of them (once, however often it runs).
        await using (var scope = Factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<DailyReminders>().RunAsync(DateOnly.FromDateTime(DateTime.UtcNow), CancellationToken.None);
        }

        Assert.That((await KindsAsync(Org.Member)).Select(k => k.Kind), Is.EquivalentTo(new[] { "conversation_scheduled", "packet_ready" }));
        Assert.That((await KindsAsync(Org.Lead)).Select(k => k.Kind), Is.EqualTo(new[] { "packet_ready" }));

        // The period closes: those with objectives or key results in it and their teams' leads; not the outsider, nor the admin who closed it.
        await SinceThePeriodStartedAsync(() => CreateObjectiveAsync(Org.Member, new { title = "Mine", periodId = Org.PeriodId, teamId = Org.ProductId, ownerId = Org.MemberId }));
        var read = await Org.Admin.GetAsync($"/api/v1/periods/{Org.PeriodId}");
        await ExpectJsonAsync(await PatchAsync(Org.Admin, $"/api/v1/periods/{Org.PeriodId}", new { state = "closed" }, read.Headers.ETag!.Tag), HttpStatusCode.OK);
        Assert.That((await KindsAsync(Org.Member)).Count(k => k.Kind == "period_closed"), Is.EqualTo(1));
        Assert.That((await KindsAsync(Org.Lead)).Count(k => k.Kind == "period_closed"), Is.EqualTo(1));
        Assert.That((await KindsAsync(Org.Outsider)).Count(k => k.Kind == "period_closed"), Is.Zero);
        Assert.That((await KindsAsync(Org.Admin)).Count(k => k.Kind == "period_closed"), Is.Zero);
    }

    [Test]
    public async Task SettingsChooseWhereEachKindGoes()
    {
        var defaults = await ExpectJsonAsync(await Org.Member.GetAsync("/api/v1/users/me/notification-settings"), HttpStatusCode.OK);
        var mentioned = defaults["kinds"]!.AsArray().Single(k => k!["kind"]!.GetValue<string>() == "mentioned")!;
        Assert.That((mentioned["inApp"]!.GetValue<bool>(), mentioned["email"]!.GetValue<string>(), mentioned["chat"]!.GetValue<bool>()), Is.EqualTo((true, "immediately", false)));
        Assert.That(defaults["kinds"]!.AsArray(), Has.Count.EqualTo(8));
        Assert.That((defaults["weeklyDigest"]!.GetValue<bool>(), defaults["chat"]), Is.EqualTo((true, (JsonNode?)null)));

        // Bad input: named, and nothing changes.
        const string Url = "/api/v1/users/me/notification-settings";
        await ExpectProblemAsync(await PatchAsync(Org.Member, Url, new { kinds = new[] { new { kind = "gossip", inApp = false } } }, null), HttpStatusCode.BadRequest);
        await ExpectProblemAsync(await PatchAsync(Org.Member, Url, new { kinds = new[] { new { kind = "mentioned", email = "hourly" } } }, null), HttpStatusCode.BadRequest);
        await ExpectProblemAsync(await PatchAsync(Org.Member, Url, new { kinds = new object?[] { null } }, null), HttpStatusCode.BadRequest, "kinds[0]");
        await ExpectProblemAsync(await PatchAsync(Org.Member, Url, new { kinds = new[] { new { kind = "aligned" }, new { kind = "aligned" } } }, null), HttpStatusCode.BadRequest, "kinds");
        await ExpectProblemAsync(await PatchAsync(Org.Member, Url, new { kinds = new[] { new { kind = "mentioned", chat = true } } }, null), HttpStatusCode.UnprocessableEntity, "kinds[0].chat");
        await ExpectProblemAsync(await PatchAsync(Org.Member, Url, new { chat = new { kind = "slack", url = "http://10.0.0.1/hook" } }, null), HttpStatusCode.BadRequest, "chat.url");
        Assert.That((await ExpectJsonAsync(await Org.Member.GetAsync(Url), HttpStatusCode.OK)).ToJsonString(), Is.EqualTo(defaults.ToJsonString()));

        // Mentions: not in the app, but in my own Teams chat.
        await using var chat = await WebhookReceiver.StartAsync();
        var changed = await ExpectJsonAsync(await PatchAsync(Org.Member, Url, new
        {
            chat = new { kind = "teams", url = chat.Url + "/me" }, kinds = new[] { new { kind = "mentioned", inApp = false, chat = true } }, weeklyDigest = false,
        }, null), HttpStatusCode.OK);
        Assert.That(changed["chat"]!["host"]!.GetValue<string>(), Is.EqualTo("127.0.0.1"));
        Assert.That(changed.ToJsonString(), Does.Not.Contain("/me"), "the URL is a secret: never shown again");
        Assert.That(changed["weeklyDigest"]!.GetValue<bool>(), Is.False);
        // Connecting again replaces the channel (one per person).
        changed = await ExpectJsonAsync(await PatchAsync(Org.Member, Url, new { chat = new { kind = "teams", url = chat.Url + "/me" } }, null), HttpStatusCode.OK);
        Assert.That(changed["chat"]!["kind"]!.GetValue<string>(), Is.EqualTo("teams"));
        await GlobalSetup.WithDbAsync(async db => Assert.That(await db.ChatChannels.CountAsync(c => c.UserId == Org.MemberId), Is.EqualTo(1)));

        var open = await SinceThePeriodStartedAsync(() => ProductObjectiveAsync(null, "Open"));
        await ExpectJsonAsync(await Org.Lead.PostAsJsonAsync($"/api/v1/objectives/{Id(open)}/comments", new { text = "@member see this", mentions = new[] { Org.MemberId } }), HttpStatusCode.Created);
        Assert.That(await KindsAsync(Org.Member), Is.Empty, "in-app is off for mentions");
        await PostAllChatAsync();
        var card = chat.Received.Single().Json;
        Assert.Multiple(() =>
        {
            Assert.That(card["type"]!.GetValue<string>(), Is.EqualTo("message"));
            var attachment = card["attachments"]![0]!;
            Assert.That(attachment["contentType"]!.GetValue<string>(), Is.EqualTo("application/vnd.microsoft.card.adaptive"));
            var content = attachment["content"]!;
            Assert.That((content["type"]!.GetValue<string>(), content["version"]!.GetValue<string>()), Is.EqualTo(("AdaptiveCard", "1.4")));
            Assert.That(content["body"]![0]!["text"]!.GetValue<string>(), Is.EqualTo("lead mentioned you on “Open”"));
            Assert.That(content["actions"]![0]!["type"]!.GetValue<string>(), Is.EqualTo("Action.OpenUrl"));
        });

        // Disconnecting the chat turns chat off everywhere.
        await ExpectProblemAsync(await PatchAsync(Org.Member, Url, new { chat = (object?)null }, null), HttpStatusCode.BadRequest, "chat");
        var off = await ExpectJsonAsync(await Org.Member.DeleteAsync($"{Url}/chat"), HttpStatusCode.OK);
        Assert.That(off["chat"], Is.Null);
        Assert.That(off["kinds"]!.AsArray().All(k => !k!["chat"]!.GetValue<bool>()), Is.True);
    }

    private static WebApplicationFactory<Program> WithMail(int port) => Factory.WithWebHostBuilder(builder =>
    {
        builder.UseSetting("Okr:Smtp:Host", "127.0.0.1");
        builder.UseSetting("Okr:Smtp:Port", port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Okr:Smtp:Security", "none");
        builder.UseSetting("Okr:Smtp:From", "Okr <okr@example.com>");
        builder.UseSetting("Okr:Reminders:AppUrl", "https://okr.example.com");
    });

    [Test]
    public async Task EmailsGoOutAtOnceOrInTheMorningDigest()
    {
        await using var inbox = new SmtpInbox();
        await using var instance = WithMail(inbox.Port);
        var objective = await SinceThePeriodStartedAsync(() => CreateObjectiveAsync(Org.Member, new
        {
            title = "Mine", periodId = Org.PeriodId, teamId = Org.ProductId, ownerId = Org.MemberId, keyResults = new[] { Metric("Calls made", "increase", 0, 10) },
        }));
        // A mention is emailed at once; a comment on what you own waits for the morning (made on the instance with a mail server).
        var lead = await SignInAsync("lead@example.com", instance: instance);
        await ExpectJsonAsync(await lead.PostAsJsonAsync($"/api/v1/objectives/{Id(objective)}/comments", new { text = "@admin have a look", mentions = new[] { Org.AdminId } }), HttpStatusCode.Created);
        var mailer = instance.Services.GetRequiredService<NotificationMailer>();
        Assert.That(await mailer.RunOnceAsync(CancellationToken.None), Is.EqualTo(1));
        Assert.That(await mailer.RunOnceAsync(CancellationToken.None), Is.Zero, "claimed once");
        var mention = await inbox.WaitForAsync("admin@example.com");
        Assert.That(mention.Subject, Is.EqualTo("lead mentioned you on “Mine”"));
        Assert.That(mention.TextBody, Does.Contain("@admin have a look").And.Contain($"https://okr.example.com/objectives/{Id(objective)}"));
        Assert.That(inbox.Messages.Any(m => m.To.Mailboxes.Any(b => b.Address == "member@example.com")), Is.False, "the member's comment notice waits for the digest");

        await using (var scope = instance.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<DailyReminders>().RunAsync(DateOnly.FromDateTime(DateTime.UtcNow), CancellationToken.None);
        }

        var digest = await inbox.WaitForAsync("member@example.com");
        Assert.Multiple(() =>
        {
            Assert.That(digest.Subject, Is.EqualTo("1 check-in is due in Okr, and 1 update"));
            Assert.That(digest.TextBody, Does.Contain("Calls made (Mine)").And.Contain("lead commented on “Mine”"));
        });
        Assert.That(await KindsAsync(Org.Member), Is.EquivalentTo(new[] { ("check_in_due", "1 check-in is due"), ("commented", "lead commented on “Mine”") }),
            "the due reminder is in the inbox too, once");
        await using (var scope = instance.Services.CreateAsyncScope())
        {
            Assert.That((await scope.ServiceProvider.GetRequiredService<DailyReminders>().RunAsync(DateOnly.FromDateTime(DateTime.UtcNow), CancellationToken.None)).Ran, Is.False);
        }

        Assert.That(inbox.Messages.Count(m => m.To.Mailboxes.Any(b => b.Address == "member@example.com")), Is.EqualTo(1));
    }

    [Test]
    public async Task WithoutAMailServerNothingWaitsToBeEmailed()
    {
        var open = await SinceThePeriodStartedAsync(() => ProductObjectiveAsync(null, "Open"));
        await ExpectJsonAsync(await Org.Lead.PostAsJsonAsync($"/api/v1/objectives/{Id(open)}/comments", new { text = "@admin see", mentions = new[] { Org.AdminId } }), HttpStatusCode.Created);
        await GlobalSetup.WithDbAsync(async db =>
        {
            var made = await db.Notifications.SingleAsync();
            Assert.That((made.Kind, made.InApp, made.Email), Is.EqualTo((NotificationKind.Mentioned, true, EmailDelivery.Off)), "in the app only, not queued for a mail server that may come later");
        });
    }

    [Test]
    public async Task TheWeeklyDigestGoesOutOnceWithTheAppsNumbersAndTeamsGetTheirDueSummary()
    {
        await using var inbox = new SmtpInbox();
        await using var first = WithMail(inbox.Port);
        await using var second = WithMail(inbox.Port);
        await using var channel = await WebhookReceiver.StartAsync();
        await ExpectJsonAsync(await Org.Admin.PostAsJsonAsync($"/api/v1/teams/{Org.ProductId}/chat-channels", new { kind = "teams", url = channel.Url + "/team" }), HttpStatusCode.Created);
        var objective = await SinceThePeriodStartedAsync(() => CreateObjectiveAsync(Org.Member, new
        {
            title = "Mine", periodId = Org.PeriodId, teamId = Org.ProductId, ownerId = Org.MemberId, keyResults = new[] { Metric("Calls made", "increase", 0, 10) },
        }));
        var read = await ExpectJsonAsync(await Org.Member.GetAsync($"/api/v1/objectives/{Id(objective)}"), HttpStatusCode.OK);
        var shown = $"Mine: {Math.Round(read["progress"]!.GetValue<decimal>() * 100):0}%, {read["status"]!.GetValue<string>().Replace('_', ' ')}";

        var week = DateOnly.FromDateTime(DateTime.UtcNow);
        async Task<DigestOutcome> Run(WebApplicationFactory<Program> instance)
        {
            await using var scope = instance.Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<WeeklyDigest>().RunAsync(week, CancellationToken.None);
        }

        var outcomes = await Task.WhenAll(Run(first), Run(second));
        Assert.That(outcomes.Count(o => o.Ran), Is.EqualTo(1), "one instance does the week");
        Assert.That((await Run(first)).Ran, Is.False);
        var digest = await inbox.WaitForAsync("member@example.com");
        Assert.That(digest.Subject, Is.EqualTo("Your week in Okr: 1 check-in due"));
        Assert.That(digest.TextBody, Does.Contain(shown).And.Contain("Calls made (Mine)"));
        Assert.That(inbox.Messages.Count(m => m.To.Mailboxes.Any(b => b.Address == "member@example.com")), Is.EqualTo(1));
        Assert.That(inbox.Messages.Any(m => m.To.Mailboxes.Any(b => b.Address == "outsider@example.com")), Is.False, "nothing to tell the outsider");

        await PostAllChatAsync(first);
        var card = channel.Received.Single(r => r.Path == "/team").Json["attachments"]![0]!["content"]!;
        Assert.That(card["body"]![0]!["text"]!.GetValue<string>(), Is.EqualTo("Product: 1 check-in is due"));
        Assert.That(card["body"]![1]!["text"]!.GetValue<string>(), Does.Contain("Calls made (Mine)"));
    }

    [Test]
    public async Task ChatChannelsAreForAdminsAndLeadsWithTheWebhooksUrlRules()
    {
        var url = $"/api/v1/teams/{Org.ProductId}/chat-channels";
        await using var channel = await WebhookReceiver.StartAsync();
        await ExpectProblemAsync(await Org.Member.PostAsJsonAsync(url, new { kind = "slack", url = channel.Url }), HttpStatusCode.Forbidden);
        await ExpectProblemAsync(await Org.Outsider.GetAsync(url), HttpStatusCode.Forbidden);
        await ExpectProblemAsync(await Org.Lead.PostAsJsonAsync(url, new { kind = "slack", url = "http://192.168.1.10/hook" }), HttpStatusCode.BadRequest, "url");
        await ExpectProblemAsync(await Org.Lead.PostAsJsonAsync(url, new { kind = "slack", url = "ftp://hooks.slack.com/x" }), HttpStatusCode.BadRequest, "url");
        await ExpectProblemAsync(await Org.Lead.PostAsJsonAsync(url, new { kind = "discord", url = channel.Url }), HttpStatusCode.BadRequest);
        await ExpectProblemAsync(await Org.Lead.PostAsJsonAsync($"/api/v1/teams/{Guid.NewGuid()}/chat-channels", new { kind = "slack", url = channel.Url }), HttpStatusCode.NotFound);
        Assert.That((await ExpectJsonAsync(await Org.Lead.GetAsync(url), HttpStatusCode.OK)).AsArray(), Is.Empty);

        var created = await ExpectJsonAsync(await Org.Lead.PostAsJsonAsync(url, new { kind = "slack", url = channel.Url + "/secret-token", description = "#product" }), HttpStatusCode.Created);
        Assert.That(created.ToJsonString(), Does.Not.Contain("secret-token"));
        await ExpectAsync(await Org.Lead.PostAsync($"{url}/{Id(created)}/test", null), HttpStatusCode.Accepted);
        await PostAllChatAsync();
        Assert.That(channel.Received.Single().Json["text"]!.GetValue<string>(), Is.EqualTo("Okr is connected to this channel for Product"));
        var listed = (await ExpectJsonAsync(await Org.Lead.GetAsync(url), HttpStatusCode.OK)).AsArray().Single()!;
        Assert.That((listed["host"]!.GetValue<string>(), listed["lastPostedAt"] is not null, listed["lastError"]), Is.EqualTo(("127.0.0.1", true, (JsonNode?)null)));

        // A period starting is posted to every team's channel.
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var next = await ExpectJsonAsync(await Org.Admin.PostAsJsonAsync("/api/v1/periods", new { label = "Next", startDate = today.AddDays(46), endDate = today.AddDays(120) }), HttpStatusCode.Created);
        await ExpectJsonAsync(await PatchAsync(Org.Admin, $"/api/v1/periods/{Id(next)}", new { state = "active" }, $"\"{next["version"]}\""), HttpStatusCode.OK);
        await PostAllChatAsync();
        Assert.That(channel.Received.Select(r => r.Json["text"]!.GetValue<string>()), Does.Contain("The period “Next” started"));

        await ExpectAsync(await Org.Lead.DeleteAsync($"{url}/{Id(created)}"), HttpStatusCode.NoContent);
        Assert.That((await ExpectJsonAsync(await Org.Lead.GetAsync(url), HttpStatusCode.OK)).AsArray(), Is.Empty);
    }
}
