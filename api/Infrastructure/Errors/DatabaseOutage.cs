using System.Net.Sockets;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Okr.Api.Infrastructure.Errors;

/// <summary>
/// PostgreSQL cannot be reached (restarting, failing over, the network gone): not the client's fault and not a bug,
/// so the answer is 503 with Retry-After, never a bare 500 — and never a 401 that would sign people out.
/// </summary>
public static class DatabaseOutage
{
    /// <summary>Seconds a client should wait before trying again (a restart takes a few).</summary>
    public const int RetryAfterSeconds = 5;

    public const string Title = "The database is not reachable.";

    public const string Detail = "Okr's database did not answer (a restart or a network fault). Try again in a few seconds; a create sent with an Idempotency-Key is safe to send again.";

    /// <summary>Is <paramref name="exception"/> (or anything it wraps) a failure to reach the database rather than a refusal by it?</summary>
    public static bool Is(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case RetryLimitExceededException:
                case PostgresException { SqlState: PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown or PostgresErrorCodes.CannotConnectNow }:
                case PostgresException { SqlState: [ '0', '8', ..] }: // class 08: connection exceptions
                case NpgsqlException { InnerException: SocketException or IOException or TimeoutException }:
                case NpgsqlException { IsTransient: true } and not PostgresException:
                case SocketException:
                    return true;
            }
        }

        return false;
    }

    /// <summary>Writes the 503 answer (problem+json with Retry-After).</summary>
    public static async Task WriteAsync(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        context.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new Microsoft.AspNetCore.Mvc.ProblemDetails { Status = 503, Title = Title, Detail = Detail },
        });
    }
}
