using Mediator;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Okr.Api.Domain;
using Okr.Api.Infrastructure.Errors;
using Okr.Api.Infrastructure.Http;
using Okr.Api.Infrastructure.OpenApi;

namespace Okr.Api.Features.Imports;

public static class ImportsEndpoints
{
    public const string IdempotencyKeyHeader = "Idempotency-Key";
    public const string ReplayedHeader = "Idempotent-Replayed";

    public static IServiceCollection AddOkrImports(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<ImportOptions>(configuration.GetSection("Okr:Imports"));
        services.AddScoped<ImportRunner>();
        services.AddScoped<ImportInvitations>();
        services.AddSingleton<ImportQueue>();
        services.AddHostedService<ImportWorker>();
        return services;
    }

    public static RouteGroupBuilder MapImportsEndpoints(this RouteGroupBuilder api)
    {
        var imports = api.MapGroup("/imports").WithTags("Imports");

        imports.MapPost("/", async (HttpContext context, IMediator mediator, CancellationToken ct, bool dryRun = false, bool async = false, bool invite = false) =>
            {
                var format = FormatOf(context.Request.ContentType);
                // The import enforces its own (configurable) limit while streaming; the server's default 30 MB one does not apply.
                if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size) size.MaxRequestBodySize = null;
                var key = context.Request.Headers[IdempotencyKeyHeader].FirstOrDefault();
                var answer = await mediator.Send(new RunImportCommand(context.Request.Body, format, dryRun, async, key, context.Request.ContentLength, invite), ct);
                if (answer.Replayed) context.Response.Headers[ReplayedHeader] = "true";
                var location = $"{ApiEndpoints.BasePath}/imports/{answer.Job.Id}";
                return answer.Job.Status is ImportStatus.Queued or ImportStatus.Running
                    ? (IResult)TypedResults.Accepted(location, answer.Job)
                    : TypedResults.Ok(answer.Job);
            })
            .Produces<ImportJobDto>(StatusCodes.Status200OK)
            .Produces<ImportJobDto>(StatusCodes.Status202Accepted)
            .Produces<ImportRejection>(StatusCodes.Status422UnprocessableEntity, "application/problem+json")
            .WithMetadata(new ImportRequestBody())
            .Describes(
                ("dryRun", "true: report what would be created, updated or left unchanged, and write nothing."),
                ("async", "true: answer 202 at once with a job to poll at GET /api/v1/imports/{id}."),
                ("invite", "true: email an invitation to every person the import creates, once it has committed (needs a mail server)."))
            .Named("RunImport", "Import OKRs from a JSON document or a CSV file",
                "Upserts by natural key (team slug, user email, period label, externalId), all or nothing: any error answers 422 listing every " +
                "error (row or JSON path, field, rule) and writes nothing. dryRun=true reports what would be created, updated or left unchanged " +
                "without writing. An Idempotency-Key header makes a repeated request return the first result (header Idempotent-Replayed: true). " +
                "async=true answers 202 at once with a job to poll at GET /api/v1/imports/{id}. invite=true emails an invitation to every person " +
                "the import creates, once it has committed (needs a mail server, Okr:Smtp; 400 invite otherwise). Admins and API clients with the import scope.")
            .ProducesErrors(400, 401, 403, 409, 413, 415);

        imports.MapGet("/{id:guid}", async (Guid id, IMediator mediator, CancellationToken ct) => TypedResults.Ok(await mediator.Send(new GetImportQuery(id), ct)))
            .Named("GetImport", "Get an import's status, progress and outcome",
                "Poll this after an asynchronous import: status goes queued → running → succeeded or failed; recordsRead grows while it runs.")
            .ProducesErrors(401, 404);

        imports.MapGet("/", async (IMediator mediator, CancellationToken ct, int page = 1, int pageSize = Paging.DefaultPageSize) =>
                TypedResults.Ok(await mediator.Send(new ListImportsQuery(page, pageSize), ct)))
            .Named("ListImports", "List imports", "Newest first: every import for admins, its own for an API client.")
            .ProducesErrors(400, 401, 403);

        api.MapGet("/exports", async (IMediator mediator, CancellationToken ct, Guid? periodId, QueryEnum<ImportFormat>? format) =>
            {
                var export = await mediator.Send(new ExportOkrsQuery(periodId, format?.Value ?? ImportFormat.Json), ct);
                return TypedResults.Stream(stream => export.WriteAsync(stream, ct), export.ContentType, export.FileName);
            })
            .WithTags("Imports")
            .Produces<ImportDocument>(StatusCodes.Status200OK, "application/json", "text/csv")
            .Describes(
                ("periodId", "Only this period; absent: every period."),
                ("format", "json (default) or csv."))
            .Named("ExportOkrs", "Export OKRs as JSON or CSV",
                "Streams the formats POST /imports reads (format=json: teams, people, periods, objectives, key results and check-ins; " +
                "format=csv: one row per key result with its latest check-in), for one period or all. Admins and API clients with the import scope.")
            .ProducesErrors(400, 401, 403, 404);

        return api;
    }

    private static ImportFormat FormatOf(string? contentType)
    {
        var mediaType = contentType?.Split(';')[0].Trim().ToLowerInvariant();
        return mediaType switch
        {
            "application/json" => ImportFormat.Json,
            "text/csv" or "application/csv" => ImportFormat.Csv,
            _ => throw new UnsupportedMediaTypeException(
                $"Send the import as Content-Type application/json (the JSON document) or text/csv (the CSV file){(mediaType is null ? "" : $", not {mediaType}")}."),
        };
    }
}

/// <summary>The 422 answer of a refused import (problem+json): every error found, nothing written.</summary>
/// <param name="Type">Problem type URI.</param>
/// <param name="Title">"The import has N errors."</param>
/// <param name="Status">422.</param>
/// <param name="Detail">What to do about it.</param>
/// <param name="Instance">The request path.</param>
/// <param name="ImportId">The import, as GET /api/v1/imports/{id} keeps it.</param>
/// <param name="ErrorCount">How many errors were found in all.</param>
/// <param name="Errors">The errors in file order, the first 1,000.</param>
public sealed record ImportRejection(string Type, string Title, int Status, string Detail, string Instance, Guid ImportId, int ErrorCount, IReadOnlyList<ImportError> Errors);

/// <summary>
/// Endpoint metadata: the operation reads an import body (JSON document or CSV) itself, streaming, and honours an
/// Idempotency-Key header. Documented by an operation filter: declaring the content types on the route would answer a
/// wrong Content-Type with a bare 404/415 instead of a problem that says what to send.
/// </summary>
public sealed record ImportRequestBody;
