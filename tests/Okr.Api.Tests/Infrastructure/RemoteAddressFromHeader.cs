using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace Okr.Api.Tests.Infrastructure;

/// <summary>
/// The test server's requests have no client address; with this startup filter a test gives each request one in the
/// header <see cref="Header"/>, as if it came from that machine.
/// </summary>
public sealed class RemoteAddressFromHeader : IStartupFilter
{
    public const string Header = "X-Test-Remote-Address";

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((context, following) =>
        {
            if (IPAddress.TryParse(context.Request.Headers[Header].ToString(), out var address)) context.Connection.RemoteIpAddress = address;
            return following(context);
        });
        next(app);
    };
}
