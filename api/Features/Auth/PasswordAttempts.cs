using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Okr.Api.Domain;
using Okr.Api.Infrastructure.Auth;
using Okr.Api.Infrastructure.Errors;
using Npgsql;
using Okr.Api.Infrastructure.Persistence;

namespace Okr.Api.Features.Auth;

/// <summary>
/// One lockout policy for every check of a person's password — signing in and changing it: every attempt is claimed
/// before the password is checked, and after <see cref="AuthOptions.MaxFailedSignIns"/> attempts without a right answer the account is locked for
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

    /// <summary>
    /// Claims one attempt before the password is checked, atomically, so that a burst of parallel guesses gets no more
    /// than <see cref="AuthOptions.MaxFailedSignIns"/> checks per lockout: 429 (with Retry-After) while locked, or when
    /// this attempt is one too many (which locks).
    /// </summary>
    public async Task ClaimAsync(User? user, string email, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var max = options.Value.MaxFailedSignIns;
        var lockFor = TimeSpan.FromMinutes(options.Value.LockoutMinutes);
        if (user is { Active: true })
        {
            var connection = (NpgsqlConnection)db.Database.GetDbConnection();
            await db.Database.OpenConnectionAsync(ct);
            try
            {
                await using var command = new NpgsqlCommand("""
                    -- A lock that ran out starts the count again; the attempt past the limit locks.
                    UPDATE users SET failed_sign_ins = CASE WHEN locked_until IS NOT NULL THEN 1 ELSE failed_sign_ins + 1 END,
                                     locked_until = CASE WHEN (CASE WHEN locked_until IS NOT NULL THEN 1 ELSE failed_sign_ins + 1 END) > @max
                                                         THEN @until END
                    WHERE id = @id AND (locked_until IS NULL OR locked_until <= @now)
                    RETURNING failed_sign_ins
                    """, connection);
                command.Parameters.AddWithValue("id", user.Id);
                command.Parameters.AddWithValue("max", max);
                command.Parameters.AddWithValue("now", now);
                command.Parameters.AddWithValue("until", now + lockFor);
                await using var reader = await command.ExecuteReaderAsync(ct);
                if (!await reader.ReadAsync(ct)) throw Locked(user.LockedUntil is { } until && until > now ? until - now : lockFor);
                if (reader.GetInt32(0) > max) throw Locked(lockFor);
            }
            finally
            {
                await db.Database.CloseConnectionAsync();
            }

            return;
        }

        var unknown = cache.GetOrCreate(Key(email), entry =>
        {
            entry.SlidingExpiration = lockFor * 2;
            entry.Size = 1;
            return new Unknown();
        })!;
        lock (unknown)
        {
            if (unknown.LockedUntil > now) throw Locked(unknown.LockedUntil.Value - now);
            if (unknown.LockedUntil is not null) (unknown.Failed, unknown.LockedUntil) = (0, null);
            if (++unknown.Failed > max)
            {
                unknown.LockedUntil = now + lockFor;
                throw Locked(lockFor);
            }
        }
    }

    /// <summary>The right password: the count starts again.</summary>
    public async Task SucceededAsync(User user, CancellationToken ct) =>
        await db.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.FailedSignIns, 0).SetProperty(u => u.LockedUntil, (DateTimeOffset?)null), ct);

    private static TooManyRequestsException Locked(TimeSpan retryAfter) => new(LockedMessage, retryAfter);

    private static (string, string) Key(string email) => ("password-attempts", User.NormaliseEmail(email));
}
