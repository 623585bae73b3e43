namespace Okr.Api.Domain;

/// <summary>A refresh token, stored as a SHA-256 hash. Tokens rotate: each use replaces it within the same family; using a replaced one revokes the family.</summary>
public sealed class RefreshToken
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid UserId { get; init; }
    public Guid FamilyId { get; init; }
    public required string TokenHash { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset ExpiresAt { get; init; }
    public DateTimeOffset? RevokedAt { get; set; }
    public Guid? ReplacedById { get; set; }

    /// <summary>The person's <see cref="User.SessionVersion"/> when the session began: after a security event it no longer renews.</summary>
    public int SessionVersion { get; init; }
}
