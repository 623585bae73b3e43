using System.IO.Compression;
using Microsoft.AspNetCore.ResponseCompression;

namespace Okr.Api.Infrastructure.Http;

/// <summary>
/// Brotli or gzip (as the client's Accept-Encoding prefers; Brotli first) for JSON, problem details, CSV, the OpenAPI
/// document and the web app's HTML, scripts and styles. The alignment tree of a large period is megabytes of repetitive
/// JSON and shrinks about tenfold.
/// </summary>
public static class CompressionExtensions
{
    /// <summary>The media types compressed: ASP.NET Core's defaults (text/*, JSON, JavaScript, XML, …) and ours.</summary>
    public static readonly string[] MimeTypes =
    [
        .. ResponseCompressionDefaults.MimeTypes,
        "application/problem+json", "application/yaml", "text/csv", "image/svg+xml", "application/manifest+json",
    ];

    public static IServiceCollection AddOkrCompression(this IServiceCollection services)
    {
        services.AddResponseCompression(options =>
        {
            // Over HTTPS too (TLS ends at the proxy or here). BREACH needs a secret and attacker-chosen text in one compressed
            // answer: the answers that may carry secrets are left uncompressed, see MayCarrySecrets.
            options.EnableForHttps = true;
            options.Providers.Add<BrotliCompressionProvider>();
            options.Providers.Add<GzipCompressionProvider>();
            options.MimeTypes = MimeTypes;
        });
        // Fastest: most of the size is saved already (the tree: 7.5 MB to well under 1 MB) for a fraction of the CPU of the
        // higher levels, which would cost more time on this machine than the bytes save on a LAN.
        services.Configure<BrotliCompressionProviderOptions>(options => options.Level = CompressionLevel.Fastest);
        services.Configure<GzipCompressionProviderOptions>(options => options.Level = CompressionLevel.Fastest);
        return services;
    }

    /// <summary>Compresses the answers to reads, except on the paths that hand out secrets (see <see cref="MayCarrySecrets"/>).</summary>
    public static WebApplication UseOkrCompression(this WebApplication app)
    {
        app.UseWhen(context => !MayCarrySecrets(context.Request), branch => branch.UseResponseCompression());
        return app;
    }

    /// <summary>
    /// Answers to writes (a new API client's or webhook's secret, an invitation or reset link, a token) and everything under
    /// /api/v1/auth and /scim. The large answers are reads (the tree, lists, exports, the web app), so this costs little.
    /// </summary>
    public static bool MayCarrySecrets(HttpRequest request) =>
        !(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
        || request.Path.StartsWithSegments("/api/v1/auth", StringComparison.OrdinalIgnoreCase)
        || request.Path.StartsWithSegments("/scim", StringComparison.OrdinalIgnoreCase);
}
