using System.Text.Json;
using System.Threading.Channels;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using Okr.Api.Domain;
using Okr.Api.Infrastructure.Auth;
using Okr.Api.Infrastructure.Errors;
using Okr.Api.Infrastructure.Http;
using Okr.Api.Infrastructure.Persistence;

namespace Okr.Api.Features.Imports;

/// <summary>One import, for the person or client that sent it (and admins).</summary>
public sealed record GetImportQuery(Guid Id) : IQuery<ImportJobDto>;

public sealed class GetImportQueryHandler(OkrDbContext db, ICurrentUser user, IOptions<JsonOptions> json) : IQueryHandler<GetImportQuery, ImportJobDto>
{
    public async ValueTask<ImportJobDto> Handle(GetImportQuery query, CancellationToken cancellationToken)
    {
        var job = await db.ImportJobs.AsNoTracking().SingleOrDefaultAsync(j => j.Id == query.Id && (user.IsAdmin || j.ActorId == user.Id), cancellationToken)
                  ?? throw new NotFoundException("Import", query.Id);
        return ImportJobDto.From(job, json.Value.SerializerOptions);
    }
}
