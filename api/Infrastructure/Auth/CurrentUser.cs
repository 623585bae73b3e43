using System.Security.Claims;
using Okr.Api.Domain;

namespace Okr.Api.Infrastructure.Auth;

/// <summary>Who is calling, read from the validated access token: a person, or an integration's API client.</summary>
public interface ICurrentUser
{
    /// <summary>The person's user id, or the API client's id.</summary>
    Guid Id { get; }

    bool IsClient { get; }

    /// <summary>The person's organisation role; clients have none (<see cref="OrgRole.Viewer"/>).</summary>
    OrgRole Role { get; }

    /// <summary>The client's scope; null for people.</summary>
    ClientScope? Scope { get; }

    bool IsAdmin => !IsClient && Role == OrgRole.Admin;

    /// <summary>Viewers and read-only clients never write.</summary>
    bool MayWrite => IsClient ? Scope is ClientScope.Write or ClientScope.Import : Role != OrgRole.Viewer;

    /// <summary>
    /// Data minimisation: viewers and read-only clients see who people are (name, role, manager, teams) but not their
    /// email addresses, which only those who work with them need. Everyone sees their own.
    /// </summary>
    bool SeesEmails => MayWrite;

    /// <summary>The person to record as author; null for clients.</summary>
    Guid? UserId => IsClient ? null : Id;

    /// <summary>The client to record as author; null for people.</summary>
    Guid? ClientId => IsClient ? Id : null;
}

internal sealed class HttpCurrentUser(IHttpContextAccessor accessor) : ICurrentUser
{
    private ClaimsPrincipal Principal => accessor.HttpContext?.User ?? throw new InvalidOperationException("No request in progress.");

    public Guid Id => Guid.TryParse(Principal.FindFirstValue(TokenService.SubjectClaim), out var id)
        ? id
        : throw new InvalidOperationException("The token has no subject.");

    public bool IsClient => Principal.FindFirstValue(TokenService.KindClaim) == TokenService.ClientKind;

    public OrgRole Role => IsClient ? OrgRole.Viewer : Principal.FindFirstValue(TokenService.RoleClaim) switch
    {
        "admin" => OrgRole.Admin,
        "member" => OrgRole.Member,
        _ => OrgRole.Viewer,
    };

    public ClientScope? Scope => !IsClient ? null : Principal.FindFirstValue(TokenService.ScopeClaim) switch
    {
        "write" => ClientScope.Write,
        "import" => ClientScope.Import,
        "conversations" => ClientScope.Conversations,
        "scim" => ClientScope.Scim,
        "events" => ClientScope.Events,
        _ => ClientScope.Read,
    };
}
