using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Okr.Api.Domain;
using Okr.Api.Tests.Infrastructure;

namespace Okr.Api.Tests.Api;

/// <summary>
/// Getting people in: invitations and password resets, with the emails through an in-process SMTP server, single-use
/// links stored hashed, answers that never tell who has an account, and every session ending on a reset.
/// </summary>
public sealed partial class InvitationTests : OrganisationTest
{
    [GeneratedRegex(@"token=([A-Za-z0-9_%\-]+)")]
    private static partial Regex TokenInLink();

    private static string TokenOf(string? text) => Uri.UnescapeDataString(TokenInLink().Match(text ?? "").Groups[1].Value);

    private static WebApplicationFactory<Program> Mailing(SmtpInbox inbox) => Factory.WithWebHostBuilder(builder =>
    {
        builder.UseSetting("Okr:Smtp:Host", "127.0.0.1");
        builder.UseSetting("Okr:Smtp:Port", inbox.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Okr:Smtp:Security", "none");
        builder.UseSetting("Okr:Reminders:AppUrl", "https://okr.example.com");
    });

    private static async Task<HttpClient> AdminOfAsync(WebApplicationFactory<Program> host)
    {
        var token = await ExpectJsonAsync(await host.CreateClient().PostAsJsonAsync("/api/v1/auth/token", new { email = "admin@example.com", password = Password }), HttpStatusCode.OK);
        var client = host.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", token["accessToken"]!.GetValue<string>());
        return client;
    }

    [Test]
    public async Task AnInvitedPersonGetsALinkByEmailSetsTheirPasswordOnceAndIsIn()
    {
        await using var inbox = new SmtpInbox();
        await using var host = Mailing(inbox);
        var admin = await AdminOfAsync(host);
        var invitation = await ExpectJsonAsync(await admin.PostAsJsonAsync("/api/v1/invitations", new
        {
            email = "New.Person@Example.com", displayName = "New Person", role = "member", teams = new[] { new { teamId = Org.ProductId, role = "member" } }, managerId = Org.LeadId,
        }), HttpStatusCode.Created);
        Assert.That(invitation["emailed"]!.GetValue<bool>(), Is.True);
        Assert.That(invitation["link"], Is.Null, "with a mail server the link only travels by email");
        var person = await ExpectJsonAsync(await admin.GetAsync($"/api/v1/users/{invitation["userId"]!.GetValue<string>()}"), HttpStatusCode.OK);
        Assert.That(person["invited"]!.GetValue<bool>(), Is.True);
        Assert.That(person["managerId"]!.GetValue<string>(), Is.EqualTo(Org.LeadId.ToString()));
        Assert.That(person["memberships"]![0]!["teamId"]!.GetValue<string>(), Is.EqualTo(Org.ProductId.ToString()));
        // No password yet: signing in fails like any wrong password.
        await ExpectProblemAsync(await host.CreateClient().PostAsJsonAsync("/api/v1/auth/token", new { email = "new.person@example.com", password = "anything-at-all" }), HttpStatusCode.Unauthorized);

        var mail = await inbox.WaitForAsync("new.person@example.com");
        Assert.That(mail.TextBody, Does.Contain("https://okr.example.com/invitation?token="));
        var token = TokenOf(mail.TextBody);
        await ExpectProblemAsync(await host.CreateClient().PostAsJsonAsync("/api/v1/invitations/accept", new { token, password = "short" }), HttpStatusCode.BadRequest, "password");
        var accepted = await ExpectJsonAsync(await host.CreateClient().PostAsJsonAsync("/api/v1/invitations/accept", new { token, password = "my-own-long-password" }), HttpStatusCode.OK);
        Assert.That(accepted["email"]!.GetValue<string>(), Is.EqualTo("new.person@example.com"));
        Assert.That(accepted["refreshToken"], Is.Not.Null);
        var me = host.CreateClient();
        me.DefaultRequestHeaders.Authorization = new("Bearer", accepted["accessToken"]!.GetValue<string>());
        Assert.That((await ExpectJsonAsync(await me.GetAsync("/api/v1/users/me"), HttpStatusCode.OK))["invited"]!.GetValue<bool>(), Is.False);
        await ExpectAsync(await host.CreateClient().PostAsJsonAsync("/api/v1/auth/token", new { email = "new.person@example.com", password = "my-own-long-password" }), HttpStatusCode.OK);

        // Once only; a forged one reads the same.
        var again = await ExpectProblemAsync(await host.CreateClient().PostAsJsonAsync("/api/v1/invitations/accept", new { token, password = "another-long-password" }),
            HttpStatusCode.UnprocessableEntity, "token");
        var forged = await ExpectProblemAsync(await host.CreateClient().PostAsJsonAsync("/api/v1/invitations/accept", new { token = "okr_inv_forged", password = "another-long-password" }),
            HttpStatusCode.UnprocessableEntity, "token");
        Assert.That(again["errors"]!.ToJsonString(), Is.EqualTo(forged["errors"]!.ToJsonString()));
        await ExpectProblemAsync(await admin.PostAsJsonAsync("/api/v1/invitations", new { email = "new.person@example.com", displayName = "Twice", role = "member" }), HttpStatusCode.Conflict);
    }

    [Test]
    public async Task WithoutAMailServerTheAnswerCarriesTheLinkAndExpiredResentOrRevokedLinksStopWorking()
    {
        var created = await ExpectJsonAsync(await Org.Admin.PostAsJsonAsync("/api/v1/invitations", new { email = "later@example.com", displayName = "Later", role = "viewer" }),
            HttpStatusCode.Created);
        Assert.That(created["emailed"]!.GetValue<bool>(), Is.False);
        var first = TokenOf(created["link"]!.GetValue<string>());
        var userId = created["userId"]!.GetValue<string>();
        var pending = await ExpectJsonAsync(await Org.Admin.GetAsync("/api/v1/invitations"), HttpStatusCode.OK);
        Assert.That(pending.AsArray().Select(i => i!["userId"]!.GetValue<string>()), Does.Contain(userId));
        Assert.That(pending.ToJsonString(), Does.Not.Contain("token="), "links are shown once");

        var resent = await ExpectJsonAsync(await Org.Admin.PostAsync($"/api/v1/invitations/{userId}/resend", null), HttpStatusCode.OK);
        await ExpectProblemAsync(await Anonymous().PostAsJsonAsync("/api/v1/invitations/accept", new { token = first, password = "a-long-password-1" }), HttpStatusCode.UnprocessableEntity, "token");
        var second = TokenOf(resent["link"]!.GetValue<string>());
        Factory.Clock.Set(DateTimeOffset.UtcNow.AddDays(8));
        await ExpectProblemAsync(await Anonymous().PostAsJsonAsync("/api/v1/invitations/accept", new { token = second, password = "a-long-password-1" }), HttpStatusCode.UnprocessableEntity, "token");
        Factory.Clock.Reset();

        var third = TokenOf((await ExpectJsonAsync(await Org.Admin.PostAsync($"/api/v1/invitations/{userId}/resend", null), HttpStatusCode.OK))["link"]!.GetValue<string>());
        await ExpectAsync(await Org.Admin.DeleteAsync($"/api/v1/invitations/{userId}"), HttpStatusCode.NoContent);
        await ExpectProblemAsync(await Anonymous().PostAsJsonAsync("/api/v1/invitations/accept", new { token = third, password = "a-long-password-1" }), HttpStatusCode.UnprocessableEntity, "token");
    }

    [Test]
    public async Task AnImportWithInviteEmailsThePeopleItCreatesAndNobodyElse()
    {
        const string document = """
            { "users": [
                { "email": "first.hire@example.com", "displayName": "First Hire", "teams": [{ "team": "product" }] },
                { "email": "second.hire@example.com", "displayName": "Second Hire" },
                { "email": "member@example.com", "displayName": "Already Here" } ] }
            """;
        HttpRequestMessage Import(string query) => new(HttpMethod.Post, "/api/v1/imports" + query) { Content = new StringContent(document, System.Text.Encoding.UTF8, "application/json") };

        // Without a mail server there is nobody to send the invitations: refused, nothing imported.
        await ExpectProblemAsync(await Org.Admin.SendAsync(Import("?invite=true")), HttpStatusCode.BadRequest, "invite");
        var people = await ExpectJsonAsync(await Org.Admin.GetAsync("/api/v1/users?q=hire"), HttpStatusCode.OK);
        Assert.That(people["items"]!.AsArray(), Is.Empty);

        await using var inbox = new SmtpInbox();
        await using var host = Mailing(inbox);
        var admin = await AdminOfAsync(host);
        // A dry run sends nothing.
        await ExpectJsonAsync(await admin.SendAsync(Import("?invite=true&dryRun=true")), HttpStatusCode.OK);
        var job = await ExpectJsonAsync(await admin.SendAsync(Import("?invite=true")), HttpStatusCode.OK);
        Assert.That(job["status"]!.GetValue<string>(), Is.EqualTo("succeeded"));

        var first = await inbox.WaitForAsync("first.hire@example.com");
        await inbox.WaitForAsync("second.hire@example.com");
        Assert.That(first.Subject, Does.Contain("invited you to Okr"));
        await Task.Delay(300); // time for any mail that should not come
        Assert.That(inbox.Messages.Select(m => m.To.ToString()), Has.None.Contains("member@example.com"), "people already there get nothing");
        Assert.That(inbox.Messages.Count(m => m.To.ToString().Contains("hire@example.com", StringComparison.Ordinal)), Is.EqualTo(2), "one email each: the dry run sent none");

        var signedIn = await ExpectJsonAsync(await host.CreateClient().PostAsJsonAsync("/api/v1/invitations/accept", new { token = TokenOf(first.TextBody), password = "first-hires-own-password" }),
            HttpStatusCode.OK);
        Assert.That(signedIn["email"]!.GetValue<string>(), Is.EqualTo("first.hire@example.com"));
    }

    [Test]
    public async Task TeamLeadsInviteMembersIntoTheirOwnTeamsOnly()
    {
        await ExpectAsync(await Org.Lead.PostAsJsonAsync("/api/v1/invitations", new
        {
            email = "product.hire@example.com", displayName = "Hire", role = "member", teams = new[] { new { teamId = Org.ProductId, role = "member" } },
        }), HttpStatusCode.Created);
        await ExpectProblemAsync(await Org.Lead.PostAsJsonAsync("/api/v1/invitations", new
        {
            email = "sales.hire@example.com", displayName = "Hire", role = "member", teams = new[] { new { teamId = Org.SalesId, role = "member" } },
        }), HttpStatusCode.Forbidden);
        await ExpectProblemAsync(await Org.Lead.PostAsJsonAsync("/api/v1/invitations", new
        {
            email = "boss@example.com", displayName = "Boss", role = "admin", teams = new[] { new { teamId = Org.ProductId, role = "member" } },
        }), HttpStatusCode.Forbidden);
        await ExpectProblemAsync(await Org.Member.PostAsJsonAsync("/api/v1/invitations", new { email = "friend@example.com", displayName = "Friend", role = "member" }), HttpStatusCode.Forbidden);
        await ExpectProblemAsync(await Org.Admin.PostAsJsonAsync("/api/v1/invitations", new { email = "not an email", displayName = "X", role = "member" }), HttpStatusCode.BadRequest, "email");
    }

    [Test]
    public async Task ALeadNeverGetsTheLinkOfAnAdminInvitedIntoTheirTeam()
    {
        var admin = await ExpectJsonAsync(await Org.Admin.PostAsJsonAsync("/api/v1/invitations", new
        {
            email = "cfo@example.com", displayName = "CFO", role = "admin", teams = new[] { new { teamId = Org.ProductId, role = "member" } },
        }), HttpStatusCode.Created);
        var userId = admin["userId"]!.GetValue<string>();
        await ExpectProblemAsync(await Org.Lead.PostAsync($"/api/v1/invitations/{userId}/resend", null), HttpStatusCode.Forbidden);
        await ExpectProblemAsync(await Org.Lead.DeleteAsync($"/api/v1/invitations/{userId}"), HttpStatusCode.Forbidden);
        var listed = await ExpectJsonAsync(await Org.Lead.GetAsync("/api/v1/invitations"), HttpStatusCode.OK);
        Assert.That(listed.AsArray().Select(i => i!["userId"]!.GetValue<string>()), Does.Not.Contain(userId));
    }

    [Test]
    public async Task AnAddressTheMailLibraryCannotParseFailsItsOwnEmailOnlyAndTheApiKeepsAnswering()
    {
        await using var inbox = new SmtpInbox();
        await using var host = Mailing(inbox);
        var admin = await AdminOfAsync(host);
        await ExpectAsync(await admin.PostAsJsonAsync("/api/v1/invitations", new { email = "a(b@example.com", displayName = "Odd", role = "member" }), HttpStatusCode.Created);
        await ExpectAsync(await admin.PostAsJsonAsync("/api/v1/invitations", new { email = "plain@example.com", displayName = "Plain", role = "member" }), HttpStatusCode.Created);
        Assert.That((await inbox.WaitForAsync("plain@example.com")).Subject, Does.Contain("invited you"));
        await ExpectAsync(await host.CreateClient().GetAsync("/health/ready"), HttpStatusCode.OK);
    }

    [Test]
    public async Task APasswordResetNeverTellsWhoHasAnAccountWorksOnceAndEndsEverySession()
    {
        await using var inbox = new SmtpInbox();
        await using var host = Mailing(inbox);
        var before = await ExpectJsonAsync(await host.CreateClient().PostAsJsonAsync("/api/v1/auth/token", new { email = "member@example.com", password = Password }), HttpStatusCode.OK);

        var known = await host.CreateClient().PostAsJsonAsync("/api/v1/auth/password-reset", new { email = "Member@Example.com" });
        var unknown = await host.CreateClient().PostAsJsonAsync("/api/v1/auth/password-reset", new { email = "nobody-here@example.com" });
        Assert.That(known.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
        Assert.That(unknown.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
        Assert.That(await known.Content.ReadAsStringAsync(), Is.EqualTo(await unknown.Content.ReadAsStringAsync()));

        var mail = await inbox.WaitForAsync("member@example.com");
        Assert.That(inbox.Messages.Any(m => m.To.Mailboxes.Any(b => b.Address == "nobody-here@example.com")), Is.False);
        var token = TokenOf(mail.TextBody);
        var done = await ExpectJsonAsync(await host.CreateClient().PostAsJsonAsync("/api/v1/auth/password-reset/confirm", new { token, newPassword = "a-fresh-long-password" }),
            HttpStatusCode.OK);
        Assert.That(done["email"]!.GetValue<string>(), Is.EqualTo("member@example.com"));

        // Every earlier session is over; the old password too; the new one works; the link is spent.
        await ExpectProblemAsync(await host.CreateClient().PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = before["refreshToken"]!.GetValue<string>() }), HttpStatusCode.Unauthorized);
        var stale = host.CreateClient();
        stale.DefaultRequestHeaders.Authorization = new("Bearer", before["accessToken"]!.GetValue<string>());
        await ExpectProblemAsync(await stale.GetAsync("/api/v1/users/me"), HttpStatusCode.Unauthorized);
        await ExpectProblemAsync(await host.CreateClient().PostAsJsonAsync("/api/v1/auth/token", new { email = "member@example.com", password = Password }), HttpStatusCode.Unauthorized);
        await ExpectAsync(await host.CreateClient().PostAsJsonAsync("/api/v1/auth/token", new { email = "member@example.com", password = "a-fresh-long-password" }), HttpStatusCode.OK);
        await ExpectProblemAsync(await host.CreateClient().PostAsJsonAsync("/api/v1/auth/password-reset/confirm", new { token, newPassword = "yet-another-password" }),
            HttpStatusCode.UnprocessableEntity, "token");
    }

    [Test]
    public async Task CommonPasswordsAreRefusedWhereverAPasswordIsChosen()
    {
        var refused = await ExpectProblemAsync(await Org.Member.PostAsJsonAsync("/api/v1/users/me/password", new { currentPassword = Password, newPassword = "Qwertyuiop" }),
            HttpStatusCode.BadRequest, "newPassword");
        Assert.That(refused["errors"]!["newPassword"]![0]!.GetValue<string>(), Does.Contain("most common passwords"));
        await ExpectProblemAsync(await Org.Admin.PostAsJsonAsync("/api/v1/users", new { email = "common@example.com", displayName = "C", password = "1234567890", role = "member" }),
            HttpStatusCode.BadRequest, "password");
        var created = await ExpectJsonAsync(await Org.Admin.PostAsJsonAsync("/api/v1/invitations", new { email = "careful@example.com", displayName = "Careful", role = "member" }),
            HttpStatusCode.Created);
        var token = TokenOf(created["link"]!.GetValue<string>());
        await ExpectProblemAsync(await Anonymous().PostAsJsonAsync("/api/v1/invitations/accept", new { token, password = "passwordpassword" }), HttpStatusCode.BadRequest, "password");
        // The refusal did not spend the link.
        await ExpectAsync(await Anonymous().PostAsJsonAsync("/api/v1/invitations/accept", new { token, password = "an-uncommon-phrase" }), HttpStatusCode.OK);
    }

    [Test]
    public async Task PeopleAnImportCreatesAreInvitedAndGetTheirLinkFromThePendingList()
    {
        var import = new StringContent("""{"users": [{"email": "imported@example.com", "displayName": "Imported Person", "role": "member"}]}""", System.Text.Encoding.UTF8, "application/json");
        await ExpectAsync(await Org.Admin.PostAsync("/api/v1/imports", import), HttpStatusCode.OK);
        var pending = await ExpectJsonAsync(await Org.Admin.GetAsync("/api/v1/invitations"), HttpStatusCode.OK);
        var userId = pending.AsArray().Single(i => i!["email"]!.GetValue<string>() == "imported@example.com")!["userId"]!.GetValue<string>();
        var link = await ExpectJsonAsync(await Org.Admin.PostAsync($"/api/v1/invitations/{userId}/resend", null), HttpStatusCode.OK);
        await ExpectAsync(await Anonymous().PostAsJsonAsync("/api/v1/invitations/accept", new { token = TokenOf(link["link"]!.GetValue<string>()), password = "an-imported-password" }),
            HttpStatusCode.OK);
        await ExpectAsync(await Anonymous().PostAsJsonAsync("/api/v1/auth/token", new { email = "imported@example.com", password = "an-imported-password" }), HttpStatusCode.OK);
    }

    [Test]
    public async Task AdminsSendResetLinksThatExpireAfterHalfAnHour()
    {
        var sent = await ExpectJsonAsync(await Org.Admin.PostAsync($"/api/v1/users/{Org.MemberId}/password-reset", null), HttpStatusCode.Accepted);
        var token = TokenOf(sent["link"]!.GetValue<string>());
        Assert.That(sent["expiresAt"]!.GetValue<DateTimeOffset>(), Is.EqualTo(DateTimeOffset.UtcNow.AddMinutes(30)).Within(TimeSpan.FromMinutes(1)));
        await ExpectProblemAsync(await Org.Lead.PostAsync($"/api/v1/users/{Org.MemberId}/password-reset", null), HttpStatusCode.Forbidden);
        Factory.Clock.Set(DateTimeOffset.UtcNow.AddMinutes(31));
        await ExpectProblemAsync(await Anonymous().PostAsJsonAsync("/api/v1/auth/password-reset/confirm", new { token, newPassword = "a-fresh-long-password" }),
            HttpStatusCode.UnprocessableEntity, "token");
        Factory.Clock.Reset();
        var fresh = TokenOf((await ExpectJsonAsync(await Org.Admin.PostAsync($"/api/v1/users/{Org.MemberId}/password-reset", null), HttpStatusCode.Accepted))["link"]!.GetValue<string>());
        await ExpectAsync(await Anonymous().PostAsJsonAsync("/api/v1/auth/password-reset/confirm", new { token = fresh, newPassword = "a-fresh-long-password" }), HttpStatusCode.OK);
        var audit = await ExpectJsonAsync(await Org.Admin.GetAsync("/api/v1/audit?entityType=account_link&pageSize=500"), HttpStatusCode.OK);
        Assert.That(audit["items"]!.AsArray(), Is.Not.Empty, "links are in the audit log");
        Assert.That(audit.ToJsonString(), Does.Not.Contain(fresh));
    }
}
