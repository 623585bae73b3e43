using Mediator;
using Okr.Api.Infrastructure.Auth;

namespace Okr.Api.Infrastructure.Mediator;

/// <summary>Marks a command anyone signed in may send, read-only roles included (their own password), or one sent before signing in.</summary>
public interface IAllowedForReadOnly;

/// <summary>Marks a command only the company directory sends (SCIM provisioning): the scim client, and nobody else.</summary>
public interface IDirectoryCommand;

/// <summary>
/// The first line of the access rules, for every command in one place: viewers and read-only API clients never
/// write. What a writer may change is then decided by <see cref="AccessPolicy"/> in the handler, which knows the data.
/// </summary>
public sealed class WriteAccessBehavior<TMessage, TResponse>(AccessPolicy access) : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IMessage
{
    public ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        if (message is IDirectoryCommand) access.EnsureDirectory();
        else if (message is IBaseCommand && message is not IAllowedForReadOnly) access.EnsureMayWrite();

        return next(message, cancellationToken);
    }
}
