using Microsoft.EntityFrameworkCore;
using Okr.Api.Domain;
using Okr.Api.Infrastructure.Auth;
using Okr.Api.Infrastructure.Persistence;

namespace Okr.Api.Features.Conversations;

/// <summary>What an agenda item may point at: an objective or key result the caller may read (a hidden draft does not exist).</summary>
public sealed class AgendaReferences(OkrDbContext db, AccessPolicy access)
{
    public async Task<AgendaItem> NewItemAsync(Guid conversationId, AgendaItemRequest request, string field, CancellationToken ct)
    {
        var (objectiveId, keyResultId) = await ResolveAsync(request.ObjectiveId, request.KeyResultId, field, ct);
        return new AgendaItem { ConversationId = conversationId, Text = request.Text.Trim(), ObjectiveId = objectiveId, KeyResultId = keyResultId };
    }

    /// <summary>The objective (implied by the key result when only that is given); 422 naming the field when either is unknown or they do not belong together.</summary>
    public async Task<(Guid? ObjectiveId, Guid? KeyResultId)> ResolveAsync(Guid? objectiveId, Guid? keyResultId, string field, CancellationToken ct)
    {
        var prefix = field.Length == 0 ? "" : field + ".";
        if (keyResultId is { } kr)
        {
            var owner = await db.KeyResults.Where(k => k.Id == kr).Select(k => (Guid?)k.ObjectiveId).SingleOrDefaultAsync(ct);
            if (owner is null || !await (await access.VisibleAsync(db.Objectives, ct)).AnyAsync(o => o.Id == owner, ct))
            {
                throw new DomainRuleException($"{prefix}keyResultId", $"Key result '{kr}' does not exist.");
            }

            if (objectiveId is not null && objectiveId != owner) throw new DomainRuleException($"{prefix}objectiveId", "The key result belongs to another objective.");
            return (owner, kr);
        }

        if (objectiveId is { } id && !await (await access.VisibleAsync(db.Objectives, ct)).AnyAsync(o => o.Id == id, ct))
        {
            throw new DomainRuleException($"{prefix}objectiveId", $"Objective '{id}' does not exist.");
        }

        return (objectiveId, null);
    }
}
