using Mediator;
using Okr.Api.Infrastructure.Auth;

namespace Okr.Api.Infrastructure.Mediator;

/// <summary>Marks a command anyone signed in may send, read-only roles included (their own password), or one sent before signing in.</summary>
public interface IAllowedForReadOnly;

/// <summary>
/// The first line of the access rules, for every command in one place: viewers and read-only API clients never
/// write. What a writer may change is then decided by <see cref="AccessPolicy"/> in the handler, which knows the data.
/// </summary>
public sealed class WriteAccessBehavior<TMessage, TResponse>(AccessPolicy access) : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IMessage
{
    public ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        if (message is IBaseCommand && message is not IAllowedForReadOnly) access.EnsureMayWrite();

        return next(message, cancellationToken);
    }
}
