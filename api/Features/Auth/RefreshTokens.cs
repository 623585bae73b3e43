using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Okr.Api.Domain;
using Okr.Api.Infrastructure.Auth;
using Okr.Api.Infrastructure.Errors;
using Okr.Api.Infrastructure.Persistence;

namespace Okr.Api.Features.Auth;

/// <summary>
/// Refresh tokens rotate: each one is used once, and using it again (someone stole it, or replayed it) revokes
/// its whole family, so both the thief and the owner must sign in again. Within
/// <see cref="AuthOptions.RefreshReuseLeewaySeconds"/> of a rotation the replaced token renews from its successor when
/// that was never used (its answer was lost); the successor is then spent, so whichever holder is behind is caught later.
/// </summary>
public sealed class RefreshTokens(OkrDbContext db, IOptions<AuthOptions> options)
{
    /// <summary>Starts a new family at sign-in; the caller saves.</summary>
    public string Start(User user, DateTimeOffset now) => Add(user.Id, Guid.CreateVersion7(), user.SessionVersion, now).Secret;

    /// <summary>
    /// Forgets a person's refresh tokens that can no longer be used (expired, or revoked more than a refresh
    /// lifetime ago, past any reuse check worth keeping), so the table does not grow with every renewal.
    /// </summary>
    public Task PurgeAsync(Guid userId, DateTimeOffset now, CancellationToken ct)
    {
        var horizon = now.AddDays(-options.Value.RefreshTokenDays);
        return db.RefreshTokens.Where(t => t.UserId == userId && (t.ExpiresAt < horizon || t.RevokedAt < horizon)).ExecuteDeleteAsync(ct);
    }

    /// <summary>
    /// Exchanges a refresh token for the next one of its family. Two renewals with the same token at once (a page
    /// reloaded while its renewal was on the way) are taken one after the other: the presented token's row is locked,
    /// so the second sees the first's rotation and renews through the leeway instead of looking like theft.
    /// </summary>
    public async Task<(User User, string Secret)> RotateAsync(string presented, DateTimeOffset now, CancellationToken ct)
    {
        var hash = TokenService.Hash(presented);
        var outcome = await db.Database.CreateExecutionStrategy().ExecuteAsync(async ct =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            await db.Database.ExecuteSqlInterpolatedAsync($"SELECT 1 FROM refresh_tokens WHERE token_hash = {hash} FOR UPDATE", ct);
            var result = await RotateLockedAsync(hash, now, ct);
            // Committed even when refused: a revoked family must stay revoked.
            await transaction.CommitAsync(ct);
            return result;
        }, ct);
        return outcome.Refusal is { } refusal ? throw new UnauthenticatedException(refusal) : (outcome.User!, outcome.Secret!);
    }

    private async Task<(User? User, string? Secret, string? Refusal)> RotateLockedAsync(string hash, DateTimeOffset now, CancellationToken ct)
    {
        var current = await db.RefreshTokens.AsNoTracking().SingleOrDefaultAsync(t => t.TokenHash == hash, ct)
                      ?? throw new UnauthenticatedException("The refresh token is not valid. Sign in again.");
        Guid? presentedId = null; // set when renewing through the leeway: the token presented, not the one rotated
        if (current is { ReplacedById: { } successorId, RevokedAt: { } replacedAt }
            && now - replacedAt <= TimeSpan.FromSeconds(options.Value.RefreshReuseLeewaySeconds))
        {
            // Only the successor of the rotation itself (made in the same instant): one made through the leeway already
            // does not open it again, so the leeway renews once.
            var successor = await db.RefreshTokens.AsNoTracking()
                .SingleOrDefaultAsync(t => t.Id == successorId && t.ReplacedById == null && t.RevokedAt == null && t.CreatedAt == replacedAt, ct);
            if (successor is not null)
            {
                presentedId = current.Id;
                current = successor;
            }
        }

        if (current.RevokedAt is not null || current.ReplacedById is not null)
        {
            await RevokeFamilyAsync(current.FamilyId, now, ct);
            return (null, null, "This refresh token was already used, so every session it belonged to was signed out. Sign in again.");
        }

        if (current.ExpiresAt <= now) throw new UnauthenticatedException("The refresh token has expired. Sign in again.");
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == current.UserId && u.Active, ct)
                   ?? throw new UnauthenticatedException("The account is deactivated.");
        if (user.SessionVersion != current.SessionVersion)
        {
            // A security event (new password, deactivation, new role) ended this session, even if its revocation was missed.
            await RevokeFamilyAsync(current.FamilyId, now, ct);
            return (null, null, "This session ended with a change to the account (password, role or deactivation). Sign in again.");
        }

        var (next, secret) = Add(current.UserId, current.FamilyId, current.SessionVersion, now);
        // Only one of two concurrent uses may win: the update is conditional on the token still being current.
        // Through the leeway the unused successor is revoked, not replaced, so presenting it later counts as reuse,
        // and the presented token now leads to the new one.
        var claimed = await db.RefreshTokens
            .Where(t => t.Id == current.Id && t.ReplacedById == null && t.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.ReplacedById, presentedId is null ? next.Id : null).SetProperty(t => t.RevokedAt, now), ct);
        if (claimed == 1 && presentedId is { } viaLeeway)
        {
            await db.RefreshTokens.Where(t => t.Id == viaLeeway).ExecuteUpdateAsync(s => s.SetProperty(t => t.ReplacedById, next.Id), ct);
        }

        if (claimed == 0)
        {
            db.ChangeTracker.Clear();
            await RevokeFamilyAsync(current.FamilyId, now, ct);
            return (null, null, "This refresh token was already used. Sign in again.");
        }

        await db.SaveChangesAsync(ct);
        return (user, secret, null);
    }

    public async Task RevokeAsync(string presented, DateTimeOffset now, CancellationToken ct)
    {
        var hash = TokenService.Hash(presented);
        var family = await db.RefreshTokens.Where(t => t.TokenHash == hash).Select(t => (Guid?)t.FamilyId).SingleOrDefaultAsync(ct);
        if (family is { } id) await RevokeFamilyAsync(id, now, ct);
    }

    /// <summary>Signs a person out everywhere: after a password change or deactivation.</summary>
    public Task RevokeAllAsync(Guid userId, DateTimeOffset now, CancellationToken ct) =>
        db.RefreshTokens.Where(t => t.UserId == userId && t.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedAt, now), ct);

    private Task RevokeFamilyAsync(Guid familyId, DateTimeOffset now, CancellationToken ct) =>
        db.RefreshTokens.Where(t => t.FamilyId == familyId && t.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedAt, now), ct);

    private (RefreshToken Token, string Secret) Add(Guid userId, Guid familyId, int sessionVersion, DateTimeOffset now)
    {
        var secret = TokenService.NewSecret("okr_rt_");
        var token = new RefreshToken
        {
            UserId = userId, FamilyId = familyId, SessionVersion = sessionVersion, TokenHash = TokenService.Hash(secret), CreatedAt = now,
            ExpiresAt = now.AddDays(options.Value.RefreshTokenDays),
        };
        db.RefreshTokens.Add(token);
        return (token, secret);
    }
}
