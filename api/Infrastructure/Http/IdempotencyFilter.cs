using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Okr.Api.Domain;
using Okr.Api.Infrastructure.Auth;
using Okr.Api.Infrastructure.Errors;
using Okr.Api.Infrastructure.Persistence;

namespace Okr.Api.Infrastructure.Http;

/// <summary>
/// Retry-safe creates: a POST sent with <c>Idempotency-Key</c> runs once per caller and key. The key is claimed, the
/// handler runs and its answer is stored, all in one transaction; a repeat (the client lost the answer, or sent it twice
/// at once) waits for the first to finish and gets the same status, body, Location and ETag back with
/// <c>Idempotent-Replayed: true</c>. The same key with a different request answers 422. Refused requests (4xx) store
/// nothing, so they may be corrected and sent again under the same key.
/// </summary>
public sealed class IdempotencyFilter : IEndpointFilter
{
    public const string Header = "Idempotency-Key";
    public const string ReplayedHeader = "Idempotent-Replayed";
    public static readonly TimeSpan KeepFor = TimeSpan.FromHours(24);

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var key = http.Request.Headers[Header].ToString();
        if (key.Length == 0) return await next(context);
        if (key.Length > Limits.IdempotencyKey || !key.All(ch => ch is >= '!' and <= '~'))
        {
            throw new BadRequestFieldException(Header, $"The Idempotency-Key header is 1 to {Limits.IdempotencyKey} printable ASCII characters without spaces, e.g. a UUID.");
        }

        var user = http.RequestServices.GetRequiredService<ICurrentUser>();
        var actor = user.UserId ?? user.ClientId ?? throw new UnauthenticatedException("Sign in to send requests with an Idempotency-Key.");
        var hash = await HashAsync(http.Request);
        var db = http.RequestServices.GetRequiredService<OkrDbContext>();
        var now = http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();

        var answer = await db.Database.CreateExecutionStrategy().ExecuteAsync(async ct =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            // Claiming the key waits for a concurrent request under the same key to commit or roll back.
            await db.Database.ExecuteSqlAsync($"DELETE FROM idempotent_requests WHERE actor_id = {actor} AND key = {key} AND created_at < {now - KeepFor}", ct);
            var claimed = await db.Database.ExecuteSqlAsync($"""
                INSERT INTO idempotent_requests (actor_id, key, request_hash, created_at, status, body)
                VALUES ({actor}, {key}, {hash}, {now}, 0, ''::bytea) ON CONFLICT DO NOTHING
                """, ct);
            if (claimed == 0)
            {
                var first = await db.Set<IdempotentRequest>().AsNoTracking().SingleAsync(r => r.ActorId == actor && r.Key == key, ct);
                if (first.RequestHash != hash)
                {
                    throw new IdempotencyConflictException("This Idempotency-Key was used for a different request; use a new key for a new request.", StatusCodes.Status422UnprocessableEntity);
                }

                return (Stored: first, Replayed: true);
            }

            var result = await next(context);
            var stored = await ExecuteIntoAsync(result, http);
            var row = await db.Set<IdempotentRequest>().SingleAsync(r => r.ActorId == actor && r.Key == key, ct);
            (row.Status, row.ContentType, row.Location, row.ETag, row.Body) = (stored.Status, stored.ContentType, stored.Location, stored.ETag, stored.Body);
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return (Stored: row, Replayed: false);
        }, http.RequestAborted);

        if (Random.Shared.Next(200) == 0) await PruneAsync(db, now, http.RequestAborted);
        return new StoredAnswer(answer.Stored, answer.Replayed);
    }

    /// <summary>SHA-256 of method, path, query and body (read into memory: create bodies are small and capped).</summary>
    private static async Task<string> HashAsync(HttpRequest request)
    {
        // The body was buffered before the endpoint read it (UseIdempotencyBuffering), so it can be read again here.
        if (!request.Body.CanSeek) throw new InvalidOperationException("Idempotent endpoints need app.UseIdempotencyBuffering().");
        request.Body.Position = 0;
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(Encoding.UTF8.GetBytes($"{request.Method} {request.Path}{request.QueryString}\n"));
        var buffer = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(buffer, request.HttpContext.RequestAborted)) > 0) sha.AppendData(buffer, 0, read);
        request.Body.Position = 0;
        return Convert.ToHexString(sha.GetHashAndReset());
    }

    /// <summary>Runs the handler's result into memory, so that it can be stored before the transaction commits.</summary>
    private static async Task<IdempotentRequest> ExecuteIntoAsync(object? result, HttpContext http)
    {
        var body = http.Response.Body;
        using var buffer = new MemoryStream();
        http.Response.Body = buffer;
        try
        {
            if (result is IResult answer) await answer.ExecuteAsync(http);
            else if (result is not null) await Results.Ok(result).ExecuteAsync(http);
        }
        finally
        {
            http.Response.Body = body;
        }

        return new IdempotentRequest
        {
            Key = "", RequestHash = "", Status = http.Response.StatusCode, ContentType = http.Response.ContentType,
            Location = http.Response.Headers.Location.ToString() is { Length: > 0 } location ? location : null,
            ETag = http.Response.Headers.ETag.ToString() is { Length: > 0 } etag ? etag : null,
            Body = buffer.ToArray(),
        };
    }

    private static async Task PruneAsync(OkrDbContext db, DateTimeOffset now, CancellationToken ct)
    {
        try
        {
            await db.Database.ExecuteSqlAsync($"DELETE FROM idempotent_requests WHERE created_at < {now - KeepFor}", ct);
        }
        catch (NpgsqlException)
        {
            // Pruning is housekeeping; the next request tries again.
        }
    }

    /// <summary>Writes a stored answer (the first time, or replayed).</summary>
    private sealed class StoredAnswer(IdempotentRequest stored, bool replayed) : IResult
    {
        public async Task ExecuteAsync(HttpContext http)
        {
            http.Response.StatusCode = stored.Status;
            if (stored.ContentType is { } type) http.Response.ContentType = type;
            if (stored.Location is { } location) http.Response.Headers.Location = location;
            if (stored.ETag is { } etag) http.Response.Headers.ETag = etag;
            if (replayed) http.Response.Headers[ReplayedHeader] = "true";
            await http.Response.Body.WriteAsync(stored.Body);
        }
    }
}

/// <summary>Marks a create endpoint as retry-safe with Idempotency-Key (also documented in the OpenAPI document).</summary>
public sealed class IdempotentCreateMetadata;

public static class IdempotencyExtensions
{
    /// <summary>Keeps the body of a request sent with Idempotency-Key readable twice: once by the endpoint, once for its hash.</summary>
    public static WebApplication UseIdempotencyBuffering(this WebApplication app)
    {
        app.Use((context, next) =>
        {
            // Only the endpoints the filter guards (imports stream their bodies and keep their keys themselves).
            if (context.Request.Headers.ContainsKey(IdempotencyFilter.Header) && context.GetEndpoint()?.Metadata.GetMetadata<IdempotentCreateMetadata>() is not null)
            {
                context.Request.EnableBuffering();
            }
            return next(context);
        });
        return app;
    }

    public static RouteHandlerBuilder WithIdempotency(this RouteHandlerBuilder builder) =>
        builder.AddEndpointFilter<IdempotencyFilter>().WithMetadata(new IdempotentCreateMetadata());
}
