using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Okr.Api.Tests.Infrastructure;

namespace Okr.Api.Tests.Api;

/// <summary>
/// Performance conversations against the real database: who schedules and sees them, private notes, notes that never
/// overwrite each other silently, agenda and action items that carry over, the packet's numbers, and a manager's reports.
/// In the organisation here the lead of Product manages the member.
/// </summary>
public sealed class ConversationTests : OrganisationTest
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;

    [SetUp]
    public Task MemberReportsToTheLeadAsync() => SetManagerAsync(Org.MemberId, Org.LeadId);

    private static Task SetManagerAsync(Guid person, Guid? manager) =>
        GlobalSetup.WithDbAsync(db => db.Users.Where(u => u.Id == person).ExecuteUpdateAsync(s => s.SetProperty(u => u.ManagerId, manager)));

    private static string At(DateTimeOffset when) => when.ToString("O");

    private async Task<JsonNode> ScheduleAsync(HttpClient client, object body) =>
        await ExpectJsonAsync(await client.PostAsJsonAsync("/api/v1/conversations", body), HttpStatusCode.Created);

    private static async Task<string> ETagAsync(HttpClient client, string url) => (await client.GetAsync(url)).Headers.ETag!.Tag;

    [Test]
    public async Task ManagersScheduleWithTheirReportsAndPeopleWithTheirManager()
    {
        var byLead = await ScheduleAsync(Org.Lead, new { employeeId = Org.MemberId, scheduledAt = At(Now.AddDays(2)) });
        Assert.That(byLead["managerId"]!.GetValue<string>(), Is.EqualTo(Org.LeadId.ToString()), "the person's own manager by default");
        Assert.That(byLead["title"]!.GetValue<string>(), Is.EqualTo("1:1"));
        Assert.That(byLead["state"]!.GetValue<string>(), Is.EqualTo("scheduled"));
        await ScheduleAsync(Org.Member, new { employeeId = Org.MemberId, scheduledAt = At(Now.AddDays(9)), title = "Career chat" });

        var notMine = await ExpectProblemAsync(await Org.Outsider.PostAsJsonAsync("/api/v1/conversations", new { employeeId = Org.MemberId, scheduledAt = At(Now) }),
            HttpStatusCode.UnprocessableEntity, "employeeId");
        Assert.That(notMine["errors"]!["employeeId"]![0]!.GetValue<string>(), Does.Contain("report to you"));
        await ExpectProblemAsync(await Org.Member.PostAsJsonAsync("/api/v1/conversations", new { employeeId = Org.MemberId, managerId = Org.OutsiderId, scheduledAt = At(Now) }),
            HttpStatusCode.UnprocessableEntity, "managerId");
        await ExpectProblemAsync(await Org.Outsider.PostAsJsonAsync("/api/v1/conversations", new { employeeId = Org.OutsiderId, scheduledAt = At(Now) }),
            HttpStatusCode.UnprocessableEntity, "managerId"); // the outsider has no manager
        await ExpectProblemAsync(await Org.Admin.PostAsJsonAsync("/api/v1/conversations", new { employeeId = Org.MemberId, managerId = Org.MemberId, scheduledAt = At(Now) }),
            HttpStatusCode.UnprocessableEntity, "managerId");
        await ExpectProblemAsync(await Org.Admin.PostAsJsonAsync("/api/v1/conversations", new { employeeId = Org.MemberId }), HttpStatusCode.BadRequest, "scheduledAt");

        // An admin schedules with someone else as the manager.
        var skip = await ScheduleAsync(Org.Admin, new { employeeId = Org.MemberId, managerId = Org.OutsiderId, scheduledAt = At(Now.AddDays(3)) });
        Assert.That(skip["managerId"]!.GetValue<string>(), Is.EqualTo(Org.OutsiderId.ToString()));
        var list = await ExpectJsonAsync(await Org.Member.GetAsync($"/api/v1/conversations?employeeId={Org.MemberId}"), HttpStatusCode.OK);
        Assert.That(list["totalCount"]!.GetValue<int>(), Is.EqualTo(3));
        Assert.That(list["items"]![0]!["scheduledAt"]!.GetValue<DateTimeOffset>(), Is.GreaterThan(list["items"]![1]!["scheduledAt"]!.GetValue<DateTimeOffset>()), "newest first");
        await GlobalSetup.WithDbAsync(async db => Assert.That(await db.Conversations.CountAsync(), Is.EqualTo(3), "nothing written by the refusals"));
    }

    [Test]
    public async Task OnlyTheParticipantsAndAdminsSeeAConversationAndPrivateNotesStayPrivate()
    {
        var talk = await ScheduleAsync(Org.Lead, new { employeeId = Org.MemberId, scheduledAt = At(Now.AddDays(1)) });
        var url = $"/api/v1/conversations/{Id(talk)}";
        await ExpectProblemAsync(await Org.Outsider.GetAsync(url), HttpStatusCode.NotFound);
        await ExpectProblemAsync(await Org.Outsider.GetAsync($"{url}/packet"), HttpStatusCode.NotFound);
        var listed = await ExpectJsonAsync(await Org.Outsider.GetAsync("/api/v1/conversations"), HttpStatusCode.OK);
        Assert.That(listed["items"]!.AsArray(), Is.Empty);

        // The member writes a private note; the lead (their manager) never sees it, and neither does the audit log.
        var secret = "I would like to move to the platform team";
        await ExpectAsync(await PatchAsync(Org.Member, url, new { myPrivateNote = secret }, await ETagAsync(Org.Member, url)), HttpStatusCode.OK);
        var mine = await ExpectJsonAsync(await Org.Member.GetAsync(url), HttpStatusCode.OK);
        Assert.That(mine["myPrivateNote"]!.GetValue<string>(), Is.EqualTo(secret));
        var theirs = await ExpectJsonAsync(await Org.Lead.GetAsync(url), HttpStatusCode.OK);
        Assert.That(theirs["myPrivateNote"], Is.Null);
        var admin = await ExpectJsonAsync(await Org.Admin.GetAsync(url), HttpStatusCode.OK);
        Assert.That(admin["myPrivateNote"], Is.Null);
        var audit = await ExpectJsonAsync(await Org.Admin.GetAsync("/api/v1/audit?entityType=private_note&pageSize=500"), HttpStatusCode.OK);
        Assert.That(audit["items"]!.AsArray(), Is.Not.Empty);
        Assert.That(audit.ToJsonString(), Does.Not.Contain("platform team").And.Contain("(secret)"));

        // API clients: 403 without the conversations scope; with it they read, without anyone's private note, and never write.
        foreach (var (scope, status) in new[] { ("read", HttpStatusCode.Forbidden), ("conversations", HttpStatusCode.OK) })
        {
            var created = await ExpectJsonAsync(await Org.Admin.PostAsJsonAsync("/api/v1/api-clients", new { name = $"HR {scope}", scope }), HttpStatusCode.Created);
            var token = await ExpectJsonAsync(await Anonymous().PostAsJsonAsync("/api/v1/auth/token", new
            {
                grantType = "client_credentials", clientId = created["client"]!["id"]!.GetValue<string>(), clientSecret = created["clientSecret"]!.GetValue<string>(),
            }), HttpStatusCode.OK);
            var client = Anonymous();
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token["accessToken"]!.GetValue<string>());
            var read = await client.GetAsync(url);
            Assert.That(read.StatusCode, Is.EqualTo(status), scope);
            if (status == HttpStatusCode.OK)
            {
                Assert.That((await ExpectJsonAsync(read, HttpStatusCode.OK))["myPrivateNote"], Is.Null);
                await ExpectProblemAsync(await client.PostAsJsonAsync($"{url}/agenda-items", new { text = "x" }), HttpStatusCode.Forbidden);
            }
        }

        // A team lead who is not the manager does not see it.
        await SetManagerAsync(Org.MemberId, Org.AdminId);
        var withAdmin = await ScheduleAsync(Org.Admin, new { employeeId = Org.MemberId, scheduledAt = At(Now.AddDays(5)) });
        await ExpectProblemAsync(await Org.Lead.GetAsync($"/api/v1/conversations/{Id(withAdmin)}"), HttpStatusCode.NotFound);
    }

    [Test]
    public async Task SharedNotesNeverOverwriteEachOtherSilentlyAndHeldConversationsKeepTheirWindow()
    {
        var talk = await ScheduleAsync(Org.Lead, new { employeeId = Org.MemberId, scheduledAt = At(Now.AddHours(1)) });
        var url = $"/api/v1/conversations/{Id(talk)}";
        var read = await ETagAsync(Org.Lead, url);
        await ExpectAsync(await PatchAsync(Org.Member, url, new { sharedNotes = "Member's notes" }, read), HttpStatusCode.OK);
        await ExpectProblemAsync(await PatchAsync(Org.Lead, url, new { sharedNotes = "Lead's notes" }, read), HttpStatusCode.PreconditionFailed);
        // A private note never conflicts with the other participant's edits.
        await ExpectAsync(await PatchAsync(Org.Lead, url, new { myPrivateNote = "Ask about workload" }, read), HttpStatusCode.OK);
        var now = await ExpectJsonAsync(await Org.Lead.GetAsync(url), HttpStatusCode.OK);
        Assert.That(now["sharedNotes"]!.GetValue<string>(), Is.EqualTo("Member's notes"));

        var held = await ExpectJsonAsync(await PatchAsync(Org.Lead, url, new { state = "held" }, await ETagAsync(Org.Lead, url)), HttpStatusCode.OK);
        Assert.That(held["state"]!.GetValue<string>(), Is.EqualTo("held"));
        Assert.That(held["heldAt"]!.GetValue<DateTimeOffset>(), Is.EqualTo(DateTimeOffset.UtcNow).Within(TimeSpan.FromMinutes(1)));
        await ExpectProblemAsync(await PatchAsync(Org.Lead, url, new { scheduledAt = At(Now.AddDays(3)) }, await ETagAsync(Org.Lead, url)), HttpStatusCode.UnprocessableEntity, "scheduledAt");
        await ExpectProblemAsync(await PatchAsync(Org.Lead, url, new { state = "scheduled" }, await ETagAsync(Org.Lead, url)), HttpStatusCode.UnprocessableEntity, "state");
        await ExpectProblemAsync(await PatchAsync(Org.Lead, url, new { heldAt = At(Now.AddDays(2)) }, await ETagAsync(Org.Lead, url)), HttpStatusCode.UnprocessableEntity, "heldAt");
        await ExpectProblemAsync(await Org.Lead.DeleteAsync(url), HttpStatusCode.UnprocessableEntity, "state");
        // Saying "held" again with a time corrects when it was held.
        var corrected = await ExpectJsonAsync(await PatchAsync(Org.Lead, url, new { state = "held", heldAt = At(Now.AddMinutes(-20)) }, await ETagAsync(Org.Lead, url)), HttpStatusCode.OK);
        Assert.That(corrected["heldAt"]!.GetValue<DateTimeOffset>(), Is.EqualTo(Now.AddMinutes(-20)).Within(TimeSpan.FromSeconds(1)));
        await ExpectProblemAsync(await Org.Lead.PostAsJsonAsync("/api/v1/conversations", new { employeeId = Org.MemberId, scheduledAt = "0001-01-02" }), HttpStatusCode.BadRequest, "scheduledAt");
        // Notes can still be written after the conversation.
        await ExpectAsync(await PatchAsync(Org.Lead, url, new { sharedNotes = "Follow-up written afterwards" }, await ETagAsync(Org.Lead, url)), HttpStatusCode.OK);

        var scheduled = await ScheduleAsync(Org.Lead, new { employeeId = Org.MemberId, scheduledAt = At(Now.AddDays(14)) });
        await ExpectAsync(await Org.Lead.DeleteAsync($"/api/v1/conversations/{Id(scheduled)}"), HttpStatusCode.NoContent);
    }

    [Test]
    public async Task AgendaAndActionItemsAndOpenItemsComeBackInTheNextConversation()
    {
        var objective = await CreateObjectiveAsync(Org.Member, new
        {
            title = "Mine", periodId = Org.PeriodId, teamId = Org.ProductId, ownerId = Org.MemberId, keyResults = new[] { Metric("Calls", "increase", 0, 10) },
        });
        var draft = await CreateObjectiveAsync(Org.Outsider, new { title = "Hidden", state = "draft", periodId = Org.PeriodId, teamId = Org.SalesId, ownerId = Org.OutsiderId });
        var first = await ScheduleAsync(Org.Lead, new
        {
            employeeId = Org.MemberId, scheduledAt = At(Now.AddMinutes(-30)), agenda = new object[] { new { text = "How is it going?" } },
        });
        var url = $"/api/v1/conversations/{Id(first)}";
        var keyResultId = objective["keyResults"]![0]!["id"]!.GetValue<string>();
        var item = await ExpectJsonAsync(await Org.Member.PostAsJsonAsync($"{url}/agenda-items", new { text = "Calls are slow", keyResultId }), HttpStatusCode.Created);
        Assert.That(item["objectiveId"]!.GetValue<string>(), Is.EqualTo(Id(objective).ToString()), "the key result's objective is implied");
        await ExpectProblemAsync(await Org.Lead.PostAsJsonAsync($"{url}/agenda-items", new { text = "Peek", objectiveId = Id(draft) }), HttpStatusCode.UnprocessableEntity, "objectiveId");
        await ExpectProblemAsync(await Org.Lead.PostAsJsonAsync($"{url}/agenda-items", new { text = "" }), HttpStatusCode.BadRequest, "text");
        await ExpectProblemAsync(await Org.Outsider.PostAsJsonAsync($"{url}/agenda-items", new { text = "Not mine" }), HttpStatusCode.NotFound);
        await ExpectAsync(await Org.Lead.PatchAsync($"{url}/agenda-items/{Id(item)}", JsonContent.Create(new { done = true })), HttpStatusCode.OK);

        var action = await ExpectJsonAsync(await Org.Lead.PostAsJsonAsync($"{url}/action-items", new { text = "Shadow a sales call", ownerId = Org.MemberId, dueDate = "2030-01-31" }),
            HttpStatusCode.Created);
        await ExpectProblemAsync(await Org.Lead.PostAsJsonAsync($"{url}/action-items", new { text = "Someone else", ownerId = Org.OutsiderId }), HttpStatusCode.UnprocessableEntity, "ownerId");
        await ExpectAsync(await PatchAsync(Org.Lead, url, new { state = "held" }, await ETagAsync(Org.Lead, url)), HttpStatusCode.OK);

        // The next one: the open action item comes back, in the conversation and in its packet.
        var next = await ScheduleAsync(Org.Lead, new { employeeId = Org.MemberId, scheduledAt = At(Now.AddDays(14)) });
        var nextUrl = $"/api/v1/conversations/{Id(next)}";
        var read = await ExpectJsonAsync(await Org.Member.GetAsync(nextUrl), HttpStatusCode.OK);
        Assert.That(read["previousId"]!.GetValue<string>(), Is.EqualTo(Id(first).ToString()));
        Assert.That(read["carriedActionItems"]!.AsArray().Select(a => a!["text"]!.GetValue<string>()), Is.EqualTo(new[] { "Shadow a sales call" }));
        var packet = await ExpectJsonAsync(await Org.Member.GetAsync($"{nextUrl}/packet"), HttpStatusCode.OK);
        Assert.That(packet["openActionItems"]!.AsArray().Select(a => a!["id"]!.GetValue<string>()), Is.EqualTo(new[] { Id(action).ToString() }));
        var discussed = await ExpectJsonAsync(await Org.Member.GetAsync($"/api/v1/conversations?objectiveId={Id(objective)}"), HttpStatusCode.OK);
        Assert.That(discussed["items"]!.AsArray().Select(c => c!["id"]!.GetValue<string>()), Is.EqualTo(new[] { Id(first).ToString() }));

        // A 1:1 with someone else as the manager (an admin's skip-level) is not this pair's: nothing of theirs carries into it.
        var skip = await ScheduleAsync(Org.Admin, new { employeeId = Org.MemberId, managerId = Org.OutsiderId, scheduledAt = At(Now.AddDays(20)) });
        var other = await ExpectJsonAsync(await Org.Outsider.GetAsync($"/api/v1/conversations/{Id(skip)}"), HttpStatusCode.OK);
        Assert.That(other["carriedActionItems"]!.AsArray(), Is.Empty);
        Assert.That(other["previousId"], Is.Null);
        var otherPacket = await ExpectJsonAsync(await Org.Outsider.GetAsync($"/api/v1/conversations/{Id(skip)}/packet"), HttpStatusCode.OK);
        Assert.That(otherPacket["openActionItems"]!.AsArray(), Is.Empty);

        // Done: it no longer comes back.
        await ExpectAsync(await Org.Member.PatchAsync($"{url}/action-items/{Id(action)}", JsonContent.Create(new { done = true })), HttpStatusCode.OK);
        var after = await ExpectJsonAsync(await Org.Member.GetAsync(nextUrl), HttpStatusCode.OK);
        Assert.That(after["carriedActionItems"]!.AsArray(), Is.Empty);
    }

    [Test]
    public async Task ThePacketShowsWhatChangedSinceTheLastConversationFromTheCheckInHistory()
    {
        var objective = await CreateObjectiveAsync(Org.Member, new
        {
            title = "Grow my pipeline", periodId = Org.PeriodId, teamId = Org.ProductId, ownerId = Org.MemberId,
            keyResults = new[] { Metric("Meetings", "increase", 0, 100), Metric("Demos", "increase", 0, 10), Metric("Untouched", "increase", 0, 10) },
        });
        var closing = await CreateObjectiveAsync(Org.Member, new
        {
            title = "Finish onboarding", periodId = Org.PeriodId, teamId = Org.ProductId, ownerId = Org.MemberId, keyResults = new[] { Metric("Modules", "increase", 0, 5) },
        });
        // Both existed three weeks ago (written around the API: the API stamps creation with now).
        await GlobalSetup.WithDbAsync(async db =>
        {
            var ids = new[] { Id(objective), Id(closing) };
            await db.Objectives.Where(o => ids.Contains(o.Id)).ExecuteUpdateAsync(s => s.SetProperty(o => o.CreatedAt, Now.AddDays(-21)));
            await db.KeyResults.Where(k => ids.Contains(k.ObjectiveId)).ExecuteUpdateAsync(s => s.SetProperty(k => k.CreatedAt, Now.AddDays(-21)));
        });
        // By title: key results created in the same instant have no order of their own.
        string[] titles = ["Meetings", "Demos", "Untouched"];
        string Kr(JsonNode o, int i) => o["keyResults"]!.AsArray().Single(k => k!["title"]!.GetValue<string>() == titles[i])!["id"]!.GetValue<string>();
        async Task CheckInAsync(string kr, decimal value, int confidence, int daysAgo) =>
            await ExpectAsync(await Org.Member.PostAsJsonAsync($"/api/v1/key-results/{kr}/check-ins", new { value, confidence, measuredAt = At(Now.AddDays(-daysAgo)) }), HttpStatusCode.Created);
        await CheckInAsync(Kr(objective, 0), 20, 8, 15); // before the last conversation
        await CheckInAsync(Kr(objective, 0), 60, 5, 5);  // after it
        await CheckInAsync(Kr(objective, 1), 4, 6, 14);
        await CheckInAsync(Kr(objective, 1), 10, 7, 3);  // reached its target in the window

        var previous = await ScheduleAsync(Org.Lead, new { employeeId = Org.MemberId, scheduledAt = At(Now.AddDays(-10)) });
        await ExpectAsync(await PatchAsync(Org.Lead, $"/api/v1/conversations/{Id(previous)}", new { state = "held", heldAt = At(Now.AddDays(-10)) },
            await ETagAsync(Org.Lead, $"/api/v1/conversations/{Id(previous)}")), HttpStatusCode.OK);
        await ExpectAsync(await PatchAsync(Org.Member, $"/api/v1/objectives/{Id(closing)}", new { state = "closed", finalScore = 0.6 },
            await ETagAsync(Org.Member, $"/api/v1/objectives/{Id(closing)}")), HttpStatusCode.OK);
        var fresh = await CreateObjectiveAsync(Org.Member, new { title = "Learn the product", periodId = Org.PeriodId, teamId = Org.ProductId, ownerId = Org.MemberId });
        var next = await ScheduleAsync(Org.Lead, new { employeeId = Org.MemberId, scheduledAt = At(Now.AddDays(1)) });

        var packet = await ExpectJsonAsync(await Org.Lead.GetAsync($"/api/v1/conversations/{Id(next)}/packet"), HttpStatusCode.OK);
        Assert.That(packet["since"]!.GetValue<DateTimeOffset>(), Is.EqualTo(Now.AddDays(-10)).Within(TimeSpan.FromSeconds(1)), "since the previous held conversation");
        var objectives = packet["objectives"]!.AsArray().ToDictionary(o => o!["title"]!.GetValue<string>());
        var pipeline = objectives["Grow my pipeline"]!;
        var keyResults = pipeline["keyResults"]!.AsArray().ToDictionary(k => k!["title"]!.GetValue<string>());
        var meetings = keyResults["Meetings"]!;
        Assert.Multiple(() =>
        {
            Assert.That(meetings["valueThen"]!.GetValue<decimal>(), Is.EqualTo(20));
            Assert.That(meetings["valueNow"]!.GetValue<decimal>(), Is.EqualTo(60));
            Assert.That(meetings["progressThen"]!.GetValue<decimal>(), Is.EqualTo(0.2m));
            Assert.That(meetings["progressNow"]!.GetValue<decimal>(), Is.EqualTo(0.6m));
            Assert.That(meetings["confidenceThen"]!.GetValue<int>(), Is.EqualTo(8));
            Assert.That(meetings["confidenceNow"]!.GetValue<int>(), Is.EqualTo(5));
            Assert.That(meetings["checkIns"]!.GetValue<int>(), Is.EqualTo(1));
            Assert.That(keyResults["Untouched"]!["stale"]!.GetValue<bool>(), Is.True);
            Assert.That(keyResults["Meetings"]!["stale"]!.GetValue<bool>(), Is.False, "checked in 5 days ago, cadence 7");
            Assert.That(pipeline["progressThen"]!.GetValue<decimal>(), Is.EqualTo(Math.Round((0.2m + 0.4m + 0m) / 3, 4)));
            Assert.That(pipeline["progressNow"]!.GetValue<decimal>(), Is.EqualTo(Math.Round((0.6m + 1m + 0m) / 3, 4)));
            Assert.That(pipeline["createdInWindow"]!.GetValue<bool>(), Is.False);
            Assert.That(objectives["Finish onboarding"]!["closedInWindow"]!.GetValue<bool>(), Is.True);
            Assert.That(objectives["Learn the product"]!["createdInWindow"]!.GetValue<bool>(), Is.True);
        });
        var kinds = packet["highlights"]!.AsArray().Select(h => (h!["kind"]!.GetValue<string>(), h["keyResultId"]?.GetValue<string>() ?? h["objectiveId"]!.GetValue<string>())).ToList();
        Assert.That(kinds, Does.Contain(("confidence_drop", Kr(objective, 0))));
        Assert.That(kinds, Does.Contain(("achieved", Kr(objective, 1))));
        Assert.That(kinds, Does.Contain(("stale", Kr(objective, 2))));
        Assert.That(kinds, Does.Contain(("closed", Id(closing).ToString())));
        Assert.That(kinds, Does.Contain(("new_objective", Id(fresh).ToString())));
        Assert.That(packet["dueCheckIns"]!.AsArray().Select(d => d!["keyResultId"]!.GetValue<string>()), Does.Contain(Kr(objective, 2)));

        // Bounded round trips: fifty more check-ins in the history change nothing about how many queries the packet takes.
        Factory.Commands.Reset();
        await ExpectAsync(await Org.Lead.GetAsync($"/api/v1/conversations/{Id(next)}/packet"), HttpStatusCode.OK);
        var before = Factory.Commands.Count;
        for (var i = 0; i < 50; i++) await CheckInAsync(Kr(objective, 0), 60 + i % 5, 5, 20 + i % 10);
        Factory.Commands.Reset();
        await ExpectAsync(await Org.Lead.GetAsync($"/api/v1/conversations/{Id(next)}/packet"), HttpStatusCode.OK);
        Assert.That(Factory.Commands.Count, Is.EqualTo(before));
    }

    [Test]
    public async Task AManagerSeesTheirReportsAtAGlance()
    {
        await SinceThePeriodStartedAsync(() => CreateObjectiveAsync(Org.Member, new
        {
            title = "Mine", periodId = Org.PeriodId, teamId = Org.ProductId, ownerId = Org.MemberId, keyResults = new[] { Metric("Calls", "increase", 0, 10) },
        }));
        var held = await ScheduleAsync(Org.Lead, new { employeeId = Org.MemberId, scheduledAt = At(Now.AddDays(-3)) });
        await ExpectAsync(await PatchAsync(Org.Lead, $"/api/v1/conversations/{Id(held)}", new { state = "held" }, await ETagAsync(Org.Lead, $"/api/v1/conversations/{Id(held)}")),
            HttpStatusCode.OK);
        await ExpectAsync(await Org.Lead.PostAsJsonAsync($"/api/v1/conversations/{Id(held)}/action-items", new { text = "Book training", ownerId = Org.MemberId }), HttpStatusCode.Created);
        var upcoming = await ScheduleAsync(Org.Lead, new { employeeId = Org.MemberId, scheduledAt = At(Now.AddDays(11)) });

        var reports = await ExpectJsonAsync(await Org.Lead.GetAsync($"/api/v1/users/{Org.LeadId}/reports"), HttpStatusCode.OK);
        var member = reports.AsArray().Single()!;
        Assert.Multiple(() =>
        {
            Assert.That(member["userId"]!.GetValue<string>(), Is.EqualTo(Org.MemberId.ToString()));
            Assert.That(member["objectives"]!.GetValue<int>(), Is.EqualTo(1));
            Assert.That(member["atRisk"]!.GetValue<int>(), Is.EqualTo(1), "no progress halfway through the period");
            Assert.That(member["dueCheckIns"]!.GetValue<int>(), Is.EqualTo(1));
            Assert.That(member["openActionItems"]!.GetValue<int>(), Is.EqualTo(1));
            Assert.That(member["lastConversationAt"], Is.Not.Null);
            Assert.That(member["nextConversationAt"]!.GetValue<DateTimeOffset>(), Is.EqualTo(upcoming["scheduledAt"]!.GetValue<DateTimeOffset>()));
        });
        await ExpectProblemAsync(await Org.Member.GetAsync($"/api/v1/users/{Org.LeadId}/reports"), HttpStatusCode.Forbidden);
        await ExpectAsync(await Org.Admin.GetAsync($"/api/v1/users/{Org.LeadId}/reports"), HttpStatusCode.OK);
        // Up the chain: the lead's manager sees the lead's reports too.
        await SetManagerAsync(Org.LeadId, Org.OutsiderId);
        await ExpectAsync(await Org.Outsider.GetAsync($"/api/v1/users/{Org.LeadId}/reports"), HttpStatusCode.OK);
    }
}
