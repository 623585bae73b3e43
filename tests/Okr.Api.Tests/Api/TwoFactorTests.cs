using System.Net;
using System.Net.Http.Json;
using OtpNet;
using Okr.Api.Tests.Infrastructure;

namespace Okr.Api.Tests.Api;

/// <summary>Two-step sign-in (RFC 6238 codes from an authenticator app, recovery codes), against the real database.</summary>
public sealed class TwoFactorTests : OrganisationTest
{
    private static string Code(string secret, DateTime at) => new Totp(Base32Encoding.ToBytes(secret)).ComputeTotp(at);

    private static Task<HttpResponseMessage> SignInAsync(string? totpCode) =>
        Anonymous().PostAsJsonAsync("/api/v1/auth/token", new { email = "member@example.com", password = Password, totpCode });

    [Test]
    public async Task OnceOnPasswordSignInsNeedACodeThatWorksOnceAndRecoveryCodesStandIn()
    {
        var setup = await ExpectJsonAsync(await Org.Member.PostAsync("/api/v1/users/me/two-factor", null), HttpStatusCode.OK);
        var secret = setup["secret"]!.GetValue<string>();
        Assert.That(setup["otpauthUri"]!.GetValue<string>(), Does.StartWith("otpauth://totp/Okr:member%40example.com?secret=" + secret));
        await ExpectAsync(await SignInAsync(null), HttpStatusCode.OK); // nothing changes before a code is confirmed

        await ExpectProblemAsync(await Org.Member.PostAsJsonAsync("/api/v1/users/me/two-factor/confirm", new { code = "000000" }), HttpStatusCode.UnprocessableEntity, "code");
        var now = DateTime.UtcNow;
        var on = await ExpectJsonAsync(await Org.Member.PostAsJsonAsync("/api/v1/users/me/two-factor/confirm", new { code = Code(secret, now) }), HttpStatusCode.OK);
        var recovery = on["recoveryCodes"]!.AsArray().Select(c => c!.GetValue<string>()).ToList();
        Assert.That(recovery, Has.Count.EqualTo(10).And.All.Match("^[a-z2-7]{4}-[a-z2-7]{4}$"));
        var me = await ExpectJsonAsync(await Org.Admin.GetAsync($"/api/v1/users/{Org.MemberId}"), HttpStatusCode.OK);
        Assert.That(me["totpEnabled"]!.GetValue<bool>(), Is.True);

        // The password alone is no longer enough; the answer names the field a client must ask for.
        await ExpectProblemAsync(await SignInAsync(null), HttpStatusCode.Unauthorized, "totpCode");
        await ExpectProblemAsync(await SignInAsync("123456"), HttpStatusCode.Unauthorized, "totpCode");
        var next = Code(secret, now.AddSeconds(30));
        await ExpectAsync(await SignInAsync(next), HttpStatusCode.OK);
        await ExpectProblemAsync(await SignInAsync(next), HttpStatusCode.Unauthorized, "totpCode"); // a code works once
        await ExpectAsync(await SignInAsync(recovery[0]), HttpStatusCode.OK);
        await ExpectProblemAsync(await SignInAsync(recovery[0]), HttpStatusCode.Unauthorized, "totpCode");

        // The web app's sign-in takes the code the same way.
        using var session = new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/session")
        {
            Content = JsonContent.Create(new { email = "member@example.com", password = Password, totpCode = recovery[1] }),
        };
        session.Headers.Add("X-Okr-Client", "web");
        await ExpectAsync(await Anonymous().SendAsync(session), HttpStatusCode.OK);

        // Off again, with a recovery code: the password is enough once more.
        await ExpectProblemAsync(await Org.Member.PostAsJsonAsync("/api/v1/users/me/two-factor/disable", new { code = "999999" }), HttpStatusCode.UnprocessableEntity, "code");
        await ExpectAsync(await Org.Member.PostAsJsonAsync("/api/v1/users/me/two-factor/disable", new { code = recovery[2] }), HttpStatusCode.NoContent);
        await ExpectAsync(await SignInAsync(null), HttpStatusCode.OK);
    }

    [Test]
    public async Task WrongCodesCountTowardsTheLockout()
    {
        var secret = (await ExpectJsonAsync(await Org.Member.PostAsync("/api/v1/users/me/two-factor", null), HttpStatusCode.OK))["secret"]!.GetValue<string>();
        await ExpectAsync(await Org.Member.PostAsJsonAsync("/api/v1/users/me/two-factor/confirm", new { code = Code(secret, DateTime.UtcNow) }), HttpStatusCode.OK);
        for (var i = 0; i < 5; i++) await ExpectProblemAsync(await SignInAsync($"00000{i}"), HttpStatusCode.Unauthorized, "totpCode");
        // Locked: even the right code is refused for now.
        await ExpectProblemAsync(await SignInAsync(Code(secret, DateTime.UtcNow.AddSeconds(30))), HttpStatusCode.TooManyRequests);
    }
}
