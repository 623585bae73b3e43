using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Okr.Api.Domain;
using Okr.Api.Infrastructure.Auth;
using Okr.Api.Infrastructure.Errors;
using Okr.Api.Infrastructure.Persistence;

namespace Okr.Api.Features.Auth;

/// <summary>
/// One lockout policy for every check of a person's password — signing in and changing it: after
/// <see cref="AuthOptions.MaxFailedSignIns"/> wrong answers in a row the account is locked for
/// <see cref="AuthOptions.LockoutMinutes"/> (429 with Retry-After), even for the right password. Emails without an
/// active account are counted and locked the same way (in memory), so neither the answers nor the lockout tell who has
/// an account. API client secrets are 256 random bits and are not guessed; they share the per-address rate limit.
/// </summary>
public sealed class PasswordAttempts(OkrDbContext db, IMemoryCache cache, IOptions<AuthOptions> options, TimeProvider clock)
{
    public const string LockedMessage = "Too many failed attempts: this account is locked for a while. Try again later.";

    private sealed class Unknown
    {
        public int Failed;
        public DateTimeOffset? LockedUntil;
    }

    /// <summary>429 while <paramref name="user"/> (or, without an active account, <paramref name="email"/>) is locked.</summary>
    public void EnsureNotLocked(User? user, string email)
    {
        var now = clock.GetUtcNow();
        var lockedUntil = user is { Active: true } ? user.LockedUntil : cache.Get<Unknown>(Key(email))?.LockedUntil;
        if (lockedUntil > now) throw new TooManyRequestsException(LockedMessage, lockedUntil.Value - now);
    }

    /// <summary>Counts a wrong password; the one that reaches the limit locks.</summary>
    public async Task FailedAsync(User? user, string email, CancellationToken ct)
    {
        var max = options.Value.MaxFailedSignIns;
        var lockedUntil = clock.GetUtcNow().AddMinutes(options.Value.LockoutMinutes);
        if (user is { Active: true })
        {
            // One atomic statement, so parallel guesses are all counted (no lost updates, no version conflicts).
            await db.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(s => s
                .SetProperty(u => u.LockedUntil, u => u.FailedSignIns + 1 >= max ? lockedUntil : u.LockedUntil)
                .SetProperty(u => u.FailedSignIns, u => u.FailedSignIns + 1 >= max ? 0 : u.FailedSignIns + 1), ct);
            return;
        }

        var unknown = cache.GetOrCreate(Key(email), entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(options.Value.LockoutMinutes * 2);
            return new Unknown();
        })!;
        lock (unknown)
        {
            if (++unknown.Failed < max) return;
            (unknown.Failed, unknown.LockedUntil) = (0, lockedUntil);
        }
    }

    /// <summary>The right password: the count starts again.</summary>
    public async Task SucceededAsync(User user, CancellationToken ct)
    {
        if (user.FailedSignIns == 0 && user.LockedUntil is null) return;
        await db.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.FailedSignIns, 0).SetProperty(u => u.LockedUntil, (DateTimeOffset?)null), ct);
    }

    private static (string, string) Key(string email) => ("password-attempts", User.NormaliseEmail(email));
}
