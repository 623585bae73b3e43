using Okr.Api.Domain;
using Okr.Api.Infrastructure.Auth;
using Riok.Mapperly.Abstractions;

namespace Okr.Api.Features.Teams;

/// <summary>A team; the one without a parent is the company.</summary>
/// <param name="Id">Identifier.</param>
/// <param name="Name">Display name.</param>
/// <param name="Slug">Unique URL-friendly key, e.g. "customer-success".</param>
/// <param name="ParentId">The team above; null for the company.</param>
/// <param name="Archived">Archived teams keep their history but take no new objectives.</param>
/// <param name="Version">Concurrency version; also sent as the ETag.</param>
/// <param name="Permissions">What the caller may do with it.</param>
public sealed record TeamDto(Guid Id, string Name, string Slug, Guid? ParentId, bool Archived, uint Version, TeamPermissions Permissions);

/// <summary>The columns of a team a read needs, before the caller's permissions are added.</summary>
public sealed record TeamRow(Guid Id, string Name, string Slug, Guid? ParentId, bool Archived, uint Version)
{
    public TeamDto ToDto(CallerRights rights) => new(Id, Name, Slug, ParentId, Archived, Version, rights.ForTeam(Id, ParentId is null, Archived));
}

[Mapper]
public static partial class TeamMapper
{
    public static partial IQueryable<TeamRow> ProjectToRow(this IQueryable<Team> query);

    public static partial TeamRow ToRow(this Team team);
}

internal static class TeamRules
{
    public const string SlugPattern = "^[a-z0-9]+(?:-[a-z0-9]+)*$";
}
