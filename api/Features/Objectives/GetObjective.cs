using Mediator;

namespace Okr.Api.Features.Objectives;

public sealed record GetObjectiveQuery(Guid Id) : IQuery<ObjectiveDto>;

public sealed class GetObjectiveQueryHandler(ObjectiveReader reader) : IQueryHandler<GetObjectiveQuery, ObjectiveDto>
{
    public async ValueTask<ObjectiveDto> Handle(GetObjectiveQuery query, CancellationToken cancellationToken) =>
        await reader.GetAsync(query.Id, cancellationToken);
}
