using Okr.Api.Infrastructure.Auth;
using Okr.Api.Infrastructure.Errors;

namespace Okr.Api.Features.Notifications;

/// <summary>An inbox and its settings belong to one person: the one signed in. API clients have none (403).</summary>
public sealed class NotificationAccess(ICurrentUser user)
{
    public Guid Me() => user.UserId ?? throw new ForbiddenException("Notifications belong to people signed in; API clients have no inbox.");
}
