namespace Okr.Api.Domain;

/// <summary>An integration's credentials: a name, a scope and a secret shown once and stored hashed.</summary>
public sealed class ApiClient : IAudited
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public required string Name { get; set; }
    public ClientScope Scope { get; set; }
    public required string SecretHash { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
    public DateTimeOffset? LastUsedAt { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public Guid? CreatedBy { get; set; }
    public DateTimeOffset ModifiedAt { get; set; }
    public Guid? ModifiedBy { get; set; }
    public uint Version { get; set; }
}
