namespace Okr.Api.Domain;

public sealed class User
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    /// <summary>Stored lower-case, so uniqueness and sign-in ignore case.</summary>
    public required string Email { get; set; }

    public required string DisplayName { get; set; }
    public string PasswordHash { get; set; } = "";
    public OrgRole Role { get; set; }
    public Guid? ManagerId { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
    public uint Version { get; set; }

    public List<TeamMembership> Memberships { get; init; } = [];

    public static string NormaliseEmail(string email) => email.Trim().ToLowerInvariant();
}
