namespace Okr.Api.Domain;

/// <summary>A team. Exactly one team has no parent: the company.</summary>
public sealed class Team : IAudited
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public required string Name { get; set; }
    public required string Slug { get; set; }
    public Guid? ParentId { get; set; }
    public bool Archived { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public Guid? CreatedBy { get; set; }
    public DateTimeOffset ModifiedAt { get; set; }
    public Guid? ModifiedBy { get; set; }
    public uint Version { get; set; }

    public List<TeamMembership> Memberships { get; init; } = [];

    public bool IsCompany => ParentId is null;

    /// <summary>
    /// An active team never sits under an archived one: creating it there, moving it there (PATCH, import) and
    /// archiving a parent that still has active sub-teams are all refused, so the tree never hides live work.
    /// </summary>
    /// <returns>Why the placement is refused, or null.</returns>
    public static string? UnderArchivedProblem(bool teamArchived, bool parentArchived) =>
        !teamArchived && parentArchived ? "An active team cannot sit under an archived team: choose an active parent, or restore it first." : null;
}

/// <summary>A person's place in a team.</summary>
public sealed class TeamMembership
{
    public Guid TeamId { get; init; }
    public Guid UserId { get; init; }
    public TeamRole Role { get; set; }
}
