using Okr.Api.Domain;
using Okr.Api.Infrastructure.Auth;
using Riok.Mapperly.Abstractions;

namespace Okr.Api.Features.Users;

/// <summary>A person in the organisation.</summary>
/// <param name="Id">Identifier.</param>
/// <param name="Email">Unique email address (lower case); null for viewers and read-only API clients, except their own (data minimisation).</param>
/// <param name="DisplayName">Name shown to others.</param>
/// <param name="Role">admin or member.</param>
/// <param name="ManagerId">The person's manager, if any.</param>
/// <param name="Active">False once deactivated: the person cannot sign in; their OKRs stay.</param>
/// <param name="Invited">True until the person accepts their invitation (they have no password before).</param>
/// <param name="TotpEnabled">Two-step sign-in is on (password sign-ins need a code from an authenticator app).</param>
/// <param name="Memberships">Teams the person belongs to, with their role there.</param>
/// <param name="Version">Concurrency version; also sent as the ETag.</param>
public sealed record UserDto(Guid Id, string? Email, string DisplayName, OrgRole Role, Guid? ManagerId, bool Active, bool Invited, bool TotpEnabled, IReadOnlyList<TeamMembershipDto> Memberships, uint Version);

/// <summary>A person's place in a team.</summary>
/// <param name="TeamId">The team.</param>
/// <param name="Role">lead or member.</param>
public sealed record TeamMembershipDto(Guid TeamId, TeamRole Role);

/// <summary>What of a person the caller may see.</summary>
public static class UserVisibility
{
    /// <summary>The person as <paramref name="caller"/> may see them: without the email unless <see cref="ICurrentUser.SeesEmails"/> or it is their own.</summary>
    public static UserDto For(this UserDto user, ICurrentUser caller) =>
        caller.SeesEmails || (!caller.IsClient && user.Id == caller.Id) ? user : user with { Email = null };
}

[Mapper]
public static partial class UserMapper
{
    public static partial IQueryable<UserDto> ProjectToDto(this IQueryable<User> query);

    public static partial UserDto ToDto(this User user);

    private static partial TeamMembershipDto ToDto(TeamMembership membership);
}
