using System.Net;
using System.Net.Http.Json;
using System.Text;
using Okr.Api.Tests.Infrastructure;

namespace Okr.Api.Tests.Api;

/// <summary>
/// Every security event — deactivation, a new password, a new role, by the API or by an import — ends every access token
/// issued before it, for good: undoing the event (reactivation, the old role back) does not bring the token back.
/// </summary>
public sealed class SessionEndTests : OrganisationTest
{
    private async Task<uint> VersionOfAsync(Guid userId)
    {
        var user = await ExpectJsonAsync(await Org.Admin.GetAsync($"/api/v1/users/{userId}"), HttpStatusCode.OK);
        return user["version"]!.GetValue<uint>();
    }

    private static async Task ExpectSignedOutAsync(HttpClient client, string why) =>
        Assert.That((await client.GetAsync("/api/v1/users/me")).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), why);

    [Test]
    public async Task ReactivatingAPersonDoesNotReviveTheirOldTokens()
    {
        var before = await SignInAsync("member@example.com");
        await ExpectAsync(await Org.Admin.PostAsync($"/api/v1/users/{Org.MemberId}/deactivate", null), HttpStatusCode.OK);
        await ExpectSignedOutAsync(before, "deactivated");
        await ExpectAsync(await Org.Admin.PostAsync($"/api/v1/users/{Org.MemberId}/activate", null), HttpStatusCode.OK);
        await ExpectSignedOutAsync(before, "reactivated: the old token stays dead");
        await ExpectAsync(await (await SignInAsync("member@example.com")).GetAsync("/api/v1/users/me"), HttpStatusCode.OK);
    }

    [Test]
    public async Task ARoleChangeEndsTheSessionEvenWhenTheOldRoleComesBack()
    {
        var before = await SignInAsync("member@example.com");
        await ExpectAsync(await PatchAsync(Org.Admin, $"/api/v1/users/{Org.MemberId}", new { role = "viewer" }, $"\"{await VersionOfAsync(Org.MemberId)}\""), HttpStatusCode.OK);
        await ExpectAsync(await PatchAsync(Org.Admin, $"/api/v1/users/{Org.MemberId}", new { role = "member" }, $"\"{await VersionOfAsync(Org.MemberId)}\""), HttpStatusCode.OK);
        await ExpectSignedOutAsync(before, "member → viewer → member");
    }

    [Test]
    public async Task ANewPasswordEndsEverySessionIncludingTheOneThatChangedIt()
    {
        var other = await SignInAsync("member@example.com");
        var self = await SignInAsync("member@example.com");
        await ExpectAsync(await self.PostAsJsonAsync("/api/v1/users/me/password", new { currentPassword = Password, newPassword = "a-brand-new-passphrase" }), HttpStatusCode.NoContent);
        await ExpectSignedOutAsync(other, "another session");
        await ExpectSignedOutAsync(self, "the session that changed it");
        await ExpectAsync(await (await SignInAsync("member@example.com", "a-brand-new-passphrase")).GetAsync("/api/v1/users/me"), HttpStatusCode.OK);
    }

    [Test]
    public async Task AnImportThatChangesARoleOrDeactivatesEndsTheSessionToo()
    {
        var member = await SignInAsync("member@example.com");
        var outsider = await SignInAsync("outsider@example.com");
        Assert.That((await member.GetAsync("/api/v1/users/me")).StatusCode, Is.EqualTo(HttpStatusCode.OK), "cached as valid before the import");
        var document = """
            {"users": [
              {"email": "member@example.com", "displayName": "Member", "role": "viewer"},
              {"email": "outsider@example.com", "displayName": "Outsider", "active": false}
            ]}
            """;
        await ExpectAsync(await Org.Admin.PostAsync("/api/v1/imports", new StringContent(document, Encoding.UTF8, "application/json")), HttpStatusCode.OK);
        await ExpectSignedOutAsync(member, "role changed by the import");
        await ExpectSignedOutAsync(outsider, "deactivated by the import");
        Assert.That((await Org.Lead.GetAsync("/api/v1/users/me")).StatusCode, Is.EqualTo(HttpStatusCode.OK), "people the import left alone stay signed in");
    }

    [Test]
    public async Task ARefreshTokenFromBeforeASecurityEventNeverRenewsEvenIfItsRevocationWasMissed()
    {
        var signIn = await ExpectJsonAsync(await Anonymous().PostAsJsonAsync("/api/v1/auth/token", new { email = "member@example.com", password = Password }), HttpStatusCode.OK);
        var refreshToken = signIn["refreshToken"]!.GetValue<string>();
        await ExpectAsync(await PatchAsync(Org.Admin, $"/api/v1/users/{Org.MemberId}", new { role = "viewer" }, $"\"{await VersionOfAsync(Org.MemberId)}\""), HttpStatusCode.OK);

        // As if the revocation after the role change had been lost (a database blip between the two): un-revoke it by hand.
        await using (var connection = new Npgsql.NpgsqlConnection(TestDatabase.ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new Npgsql.NpgsqlCommand("UPDATE refresh_tokens SET revoked_at = NULL, replaced_by_id = NULL", connection);
            await command.ExecuteNonQueryAsync();
        }

        await ExpectProblemAsync(await Anonymous().PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken }), HttpStatusCode.Unauthorized);
    }
}
