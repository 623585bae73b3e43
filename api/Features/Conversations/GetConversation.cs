using Mediator;

namespace Okr.Api.Features.Conversations;

/// <summary>One conversation with its agenda, action items (its own and the open ones carried from earlier) and the caller's private note.</summary>
public sealed record GetConversationQuery(Guid Id) : IQuery<ConversationDto>;

public sealed class GetConversationQueryHandler(ConversationReader reader) : IQueryHandler<GetConversationQuery, ConversationDto>
{
    public async ValueTask<ConversationDto> Handle(GetConversationQuery query, CancellationToken cancellationToken) => await reader.GetAsync(query.Id, cancellationToken);
}
