using System.Net;
using System.Net.Http.Json;
using Okr.Api.Tests.Infrastructure;

namespace Okr.Api.Tests.Api;

/// <summary>
/// One lockout for every check of a password (sign-in and password change), and answers that never tell who has an
/// account: an unknown email is answered and locked exactly like a known one.
/// </summary>
public sealed class LockoutTests : OrganisationTest
{
    private static async Task<(HttpStatusCode Status, string? Detail)> TrySignInAsync(string email, string password)
    {
        var response = await Anonymous().PostAsJsonAsync("/api/v1/auth/token", new { email, password });
        var body = await JsonAsync(response);
        return (response.StatusCode, body["detail"]?.GetValue<string>());
    }

    [Test]
    public async Task AnUnknownEmailIsAnsweredAndLockedExactlyLikeAKnownOne()
    {
        var nobody = $"nobody-{Guid.NewGuid():N}@example.com"; // unknown emails are counted in memory, across tests
        var known = new List<(HttpStatusCode, string?)>();
        var unknown = new List<(HttpStatusCode, string?)>();
        for (var i = 0; i < 6; i++)
        {
            known.Add(await TrySignInAsync("member@example.com", "wrong-password-here"));
            unknown.Add(await TrySignInAsync(nobody, "wrong-password-here"));
        }

        Assert.That(unknown, Is.EqualTo(known));
        Assert.That(known.Select(k => k.Item1), Is.EqualTo(Enumerable.Repeat(HttpStatusCode.Unauthorized, 5).Append(HttpStatusCode.TooManyRequests)));
    }

    [Test]
    public async Task WrongCurrentPasswordsLockTheAccountLikeFailedSignIns()
    {
        var member = await SignInAsync("member@example.com");
        for (var i = 0; i < 5; i++)
        {
            await ExpectProblemAsync(await member.PostAsJsonAsync("/api/v1/users/me/password", new { currentPassword = $"guess-number-{i}", newPassword = "a-brand-new-passphrase" }),
                HttpStatusCode.UnprocessableEntity, "currentPassword");
        }

        var locked = await member.PostAsJsonAsync("/api/v1/users/me/password", new { currentPassword = Password, newPassword = "a-brand-new-passphrase" });
        await ExpectProblemAsync(locked, HttpStatusCode.TooManyRequests);
        Assert.That(locked.Headers.RetryAfter, Is.Not.Null);
        Assert.That((await TrySignInAsync("member@example.com", Password)).Status, Is.EqualTo(HttpStatusCode.TooManyRequests), "the same lock guards signing in");

        // After the lockout the right password works again (the clock moves on).
        Factory.Clock.Set(DateTimeOffset.UtcNow.AddMinutes(16));
        await ExpectAsync(await member.PostAsJsonAsync("/api/v1/users/me/password", new { currentPassword = Password, newPassword = "a-brand-new-passphrase" }),
            HttpStatusCode.NoContent);
    }

    [Test]
    public async Task ABurstOfParallelGuessesGetsNoMoreChecksThanTheLimit()
    {
        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => TrySignInAsync("member@example.com", $"parallel-guess-{i}")));
        Assert.That(answers.Count(a => a.Status == HttpStatusCode.Unauthorized), Is.LessThanOrEqualTo(5), "at most five passwords were checked");
        Assert.That(answers.Select(a => a.Status), Is.All.AnyOf(HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests));
        Assert.That((await TrySignInAsync("member@example.com", Password)).Status, Is.EqualTo(HttpStatusCode.TooManyRequests));
    }
}
