using Mediator;
using Okr.Api.Features.Events;

namespace Okr.Api.Infrastructure.Mediator;

/// <summary>
/// Marks a command that commits on its own terms, outside the events behaviour: sign-in attempts, token rotations and
/// refusals that must stay recorded when the command then fails (a lockout count, a revoked session family), and imports,
/// which write through a connection of their own and announce themselves (import.succeeded / import.failed). None of
/// them changes anything the event stream reports.
/// </summary>
public interface IOwnTransaction;

/// <summary>
/// Every other command runs in one transaction with its events (<see cref="EventOutbox"/>): the handler's saves, then the
/// events they make, then the commit. A failing handler rolls back its changes and its events together.
/// </summary>
public sealed class EventsBehavior<TMessage, TResponse>(EventOutbox outbox) : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IMessage
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        if (message is not IBaseCommand || message is IOwnTransaction) return await next(message, cancellationToken);
        return await outbox.InTransactionAsync(async ct => await next(message, ct), cancellationToken);
    }
}
