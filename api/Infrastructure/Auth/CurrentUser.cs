using System.Security.Claims;
using Okr.Api.Domain;

namespace Okr.Api.Infrastructure.Auth;

/// <summary>Who is calling, read from the validated access token.</summary>
public interface ICurrentUser
{
    Guid Id { get; }
    OrgRole Role { get; }
    bool IsAdmin => Role == OrgRole.Admin;
}

internal sealed class HttpCurrentUser(IHttpContextAccessor accessor) : ICurrentUser
{
    private ClaimsPrincipal Principal => accessor.HttpContext?.User ?? throw new InvalidOperationException("No request in progress.");

    public Guid Id => Guid.TryParse(Principal.FindFirstValue(TokenService.SubjectClaim), out var id)
        ? id
        : throw new InvalidOperationException("The token has no subject.");

    public OrgRole Role => Principal.FindFirstValue(TokenService.RoleClaim) == "admin" ? OrgRole.Admin : OrgRole.Member;
}
