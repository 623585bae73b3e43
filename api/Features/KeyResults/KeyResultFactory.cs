using Okr.Api.Domain;

namespace Okr.Api.Features.KeyResults;

internal static class KeyResultFactory
{
    public static KeyResult Create(CreateKeyResultRequest request, Guid objectiveId, DateTimeOffset now)
    {
        var keyResult = new KeyResult
        {
            ObjectiveId = objectiveId,
            Title = request.Title.Trim(),
            Unit = request.Unit.Trim(),
            CurrencyCode = request.CurrencyCode,
            Weight = request.Weight ?? 1,
            OwnerId = request.OwnerId,
            ExternalId = request.ExternalId?.Trim(),
            CadenceDays = request.CadenceDays ?? KeyResult.DefaultCadenceDays,
            CreatedAt = now,
            ModifiedAt = now,
        };
        keyResult.Define(request.Type, request.Direction, request.Baseline, request.Target);
        return keyResult;
    }
}
