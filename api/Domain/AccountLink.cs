namespace Okr.Api.Domain;

/// <summary>What a single-use account link does when followed.</summary>
public enum AccountLinkPurpose { Invitation, PasswordReset }

/// <summary>
/// A single-use link that lets a person set their password: an invitation (7 days) or a password reset (30 minutes).
/// Only its SHA-256 hash is stored; a newer link of the same purpose replaces the older one.
/// </summary>
public sealed class AccountLink
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid UserId { get; init; }
    public AccountLinkPurpose Purpose { get; init; }
    public required string TokenHash { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset ExpiresAt { get; init; }
    public DateTimeOffset? UsedAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }

    /// <summary>The one answer for every link that does not work, so that nothing tells a used link from a forged one.</summary>
    public const string Unusable = "This link does not work any more: it was used or replaced, or it has expired. Ask for a new one.";
}
