using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Mvc;
using Okr.Api.Features.Auth;
using Okr.Api.Infrastructure.Auth;

namespace Okr.Api.Infrastructure.Http;

/// <summary>Rate limits on the token endpoints, CORS for configured origins only, and security headers on every response.</summary>
public static class HardeningExtensions
{
    private const string CorsPolicy = "configured-origins";

    public static IServiceCollection AddOkrHardening(this IServiceCollection services, IConfiguration configuration)
    {
        var auth = configuration.GetSection(AuthOptions.Section).Get<AuthOptions>() ?? new AuthOptions();
        services.AddRateLimiter(options =>
        {
            options.AddPolicy(AuthEndpoints.RateLimitPolicy, context => RateLimitPartition.GetFixedWindowLimiter(
                context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = auth.AuthRequestsPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
            // Renewals are routine (every open app renews every 15 minutes), and many people may share one address
            // behind a proxy or NAT: they get a budget of their own, ten times the sign-in one.
            options.AddPolicy(AuthEndpoints.RefreshRateLimitPolicy, context => RateLimitPartition.GetFixedWindowLimiter(
                context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = auth.AuthRequestsPerMinute * 10, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
            options.OnRejected = async (context, ct) =>
            {
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);
                context.HttpContext.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                context.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                await context.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = context.HttpContext,
                    ProblemDetails = new ProblemDetails
                    {
                        Status = StatusCodes.Status429TooManyRequests,
                        Title = "Too many requests.",
                        Detail = $"Too many sign-in requests from this address. Try again in {(int)Math.Ceiling(retryAfter.TotalSeconds)} seconds.",
                    },
                });
            };
        });

        var proxies = TrustedProxies.Parse(configuration["Okr:TrustedProxies"]);
        services.Configure<ForwardedHeadersOptions>(options => TrustedProxies.Apply(options, proxies));

        var origins = configuration.GetSection("Okr:Cors:Origins").Get<string[]>()
                      ?? configuration["Okr:Cors:Origins"]?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                      ?? [];
        services.AddCors(options => options.AddPolicy(CorsPolicy, policy =>
        {
            if (origins.Length == 0) return; // same origin only
            policy.WithOrigins(origins)
                .WithMethods("GET", "POST", "PATCH", "DELETE", "PUT")
                .WithHeaders("Authorization", "Content-Type", "If-Match", "Idempotency-Key", "X-Okr-Client")
                .WithExposedHeaders("ETag", "Location", "Retry-After", "Idempotent-Replayed");
        }));
        return services;
    }

    public static WebApplication UseOkrHardening(this WebApplication app)
    {
        // First, so rate limits, lockout and the Secure cookie see the client's address and scheme, not the proxy's.
        // Without Okr:TrustedProxies the options trust nobody and the middleware changes nothing.
        app.UseForwardedHeaders();
        app.Use(async (context, next) =>
        {
            // Set as the response starts: the exception handler clears headers when it writes an error, and the
            // error answers need these headers as much as any other.
            context.Response.OnStarting(() =>
            {
                AddSecurityHeaders(context);
                return Task.CompletedTask;
            });
            await next();
        });
        app.Use(async (context, next) =>
        {
            // PostgreSQL text cannot hold NUL: refused here, naming the parameter, before anything reaches the database.
            foreach (var (name, values) in context.Request.Query)
            {
                if (!values.Any(v => v is not null && v.Contains('\0'))) continue;
                await Results.ValidationProblem(new Dictionary<string, string[]> { [name] = [TextRules.NoNulMessage(name)] }).ExecuteAsync(context);
                return;
            }

            await next();
        });
        app.UseCors(CorsPolicy);
        app.UseRateLimiter();
        return app;
    }

    private static void AddSecurityHeaders(HttpContext context)
    {
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            // The Swagger UI brings its own inline code; everything else runs with a strict policy.
            if (!context.Request.Path.StartsWithSegments("/swagger"))
            {
                headers.ContentSecurityPolicy =
                    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; " +
                    "font-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";
            }
        }
    }
}
