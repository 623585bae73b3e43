using Mediator;
using Microsoft.Extensions.Options;
using Okr.Api.Infrastructure.Auth;

namespace Okr.Api.Features.Auth;

/// <summary>Whether the sign-in page offers "Sign in with …", and what the button says.</summary>
public sealed record GetSingleSignOnQuery : IQuery<SingleSignOnDto>;

/// <summary>The single sign-on the web app offers.</summary>
/// <param name="Enabled">True when an OpenID Connect provider is configured (Okr:Sso).</param>
/// <param name="Name">The provider's name for the button ("Sign in with {name}"); null when not enabled.</param>
/// <param name="StartUrl">Where the button goes: GET it in the browser (not with fetch) with <c>?returnTo=/a/path</c>; null when not enabled.</param>
public sealed record SingleSignOnDto(bool Enabled, string? Name, string? StartUrl);

public sealed class GetSingleSignOnQueryHandler(IOptions<SsoOptions> options) : IQueryHandler<GetSingleSignOnQuery, SingleSignOnDto>
{
    public ValueTask<SingleSignOnDto> Handle(GetSingleSignOnQuery query, CancellationToken cancellationToken) =>
        ValueTask.FromResult(options.Value.Enabled
            ? new SingleSignOnDto(true, options.Value.Name, StartSingleSignOn.Path)
            : new SingleSignOnDto(false, null, null));
}
