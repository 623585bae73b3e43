using Microsoft.Extensions.FileProviders;

namespace Okr.Api.Infrastructure.Http;

/// <summary>Serves the built single-page app (web/dist) on the same origin as the API, when it is there.</summary>
public static class WebAppExtensions
{
    private static PhysicalFileProvider? WebRoot(WebApplication app)
    {
        var root = app.Configuration["Okr:WebRoot"];
        if (string.IsNullOrWhiteSpace(root)) return null;
        root = Path.GetFullPath(root);
        return File.Exists(Path.Combine(root, "index.html")) ? new PhysicalFileProvider(root) : null;
    }

    public static WebApplication UseOkrWebApp(this WebApplication app)
    {
        var files = WebRoot(app);
        if (files is null) return app;
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = files,
            OnPrepareResponse = context =>
            {
                // Vite fingerprints everything under assets/; index.html must always be fresh.
                context.Context.Response.Headers.CacheControl = context.File.Name == "index.html"
                    ? "no-cache"
                    : "public, max-age=31536000, immutable";
            },
        });
        app.Use((context, next) => ServeIndexForDeepLinks(context, next, files));
        return app;
    }

    /// <summary>
    /// Deep links (e.g. /objectives/123) load index.html: a GET or HEAD that no endpoint matched, outside /api, /swagger
    /// and /health, for a path without a file extension. A middleware rather than a fallback endpoint, because an endpoint
    /// matching every path would also match /api requests refused by routing and turn their 405 (method) and 415
    /// (content type) into 404.
    /// </summary>
    private static async Task ServeIndexForDeepLinks(HttpContext context, Func<Task> next, PhysicalFileProvider files)
    {
        var path = context.Request.Path.Value ?? "";
        if (context.GetEndpoint() is not null || !(HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method))
            || path.StartsWith("/api/", StringComparison.OrdinalIgnoreCase) || path.StartsWith("/swagger", StringComparison.OrdinalIgnoreCase)
            || path.StartsWith("/health", StringComparison.OrdinalIgnoreCase) || Path.HasExtension(path))
        {
            await next();
            return;
        }

        context.Response.ContentType = "text/html; charset=utf-8";
        context.Response.Headers.CacheControl = "no-cache";
        await context.Response.SendFileAsync(files.GetFileInfo("index.html"));
    }
}
