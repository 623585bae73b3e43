using Mediator;
using Microsoft.EntityFrameworkCore;
using Okr.Api.Infrastructure.Auth;
using Okr.Api.Infrastructure.Errors;
using Okr.Api.Infrastructure.Persistence;

namespace Okr.Api.Features.Webhooks;

public sealed record GetWebhookQuery(Guid Id) : IQuery<WebhookDto>;

public sealed class GetWebhookQueryHandler(OkrDbContext db, AccessPolicy access) : IQueryHandler<GetWebhookQuery, WebhookDto>
{
    public async ValueTask<WebhookDto> Handle(GetWebhookQuery query, CancellationToken cancellationToken)
    {
        access.EnsureAdmin("see webhooks");
        var webhook = await db.Webhooks.AsNoTracking().SingleOrDefaultAsync(w => w.Id == query.Id, cancellationToken) ?? throw new NotFoundException("Webhook", query.Id);
        return WebhookDto.From(webhook);
    }
}
