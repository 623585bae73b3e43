using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Okr.Api.Infrastructure.Auth;
using Okr.Api.Infrastructure.Http;
using Okr.Api.Infrastructure.Persistence;

namespace Okr.Api.Features.Webhooks;

public sealed record ListWebhooksQuery(int Page, int PageSize) : IQuery<PagedList<WebhookDto>>, IPagedQuery;

public sealed class ListWebhooksQueryValidator : AbstractValidator<ListWebhooksQuery>
{
    public ListWebhooksQueryValidator() => this.RulesForPaging();
}

public sealed class ListWebhooksQueryHandler(OkrDbContext db, AccessPolicy access) : IQueryHandler<ListWebhooksQuery, PagedList<WebhookDto>>
{
    public async ValueTask<PagedList<WebhookDto>> Handle(ListWebhooksQuery query, CancellationToken cancellationToken)
    {
        access.EnsureAdmin("see webhooks");
        var page = await db.Webhooks.AsNoTracking().OrderBy(w => w.CreatedAt).ThenBy(w => w.Id).ToPagedListAsync(query, cancellationToken);
        return new PagedList<WebhookDto>([.. page.Items.Select(WebhookDto.From)], page.TotalCount, page.Page, page.PageSize);
    }
}
