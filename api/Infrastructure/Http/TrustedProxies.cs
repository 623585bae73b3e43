using System.Net;
using IPNetwork = System.Net.IPNetwork;
using Microsoft.AspNetCore.HttpOverrides;

namespace Okr.Api.Infrastructure.Http;

/// <summary>
/// The reverse proxies whose <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c> Okr believes
/// (<c>Okr:TrustedProxies</c> / <c>OKR_TRUSTED_PROXIES</c>: comma-separated addresses or CIDR networks, e.g.
/// <c>10.0.0.5, 172.16.0.0/12</c>). Behind a proxy every request otherwise comes from the proxy's address, so one
/// person's wrong passwords would rate-limit everyone; and trusting the header from anyone would let a client pick
/// any address it likes, so only the listed proxies are believed, one hop each.
/// </summary>
public static class TrustedProxies
{
    /// <summary>Parses the setting; an entry that is neither an address nor a network stops the start with its value named.</summary>
    public static IReadOnlyList<IPNetwork> Parse(string? setting) =>
        (setting ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(entry => IPNetwork.TryParse(entry, out var network) ? network
                : IPAddress.TryParse(entry, out var address) ? new IPNetwork(address, address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128)
                : throw new InvalidOperationException($"Okr:TrustedProxies: '{entry}' is neither an IP address nor a CIDR network (like 10.0.0.0/8)."))
            .ToList();

    /// <summary>Believes the forwarded client address and scheme from the listed proxies only (none when the list is empty).</summary>
    public static void Apply(ForwardedHeadersOptions options, IReadOnlyList<IPNetwork> proxies)
    {
        options.ForwardedHeaders = proxies.Count == 0 ? ForwardedHeaders.None : ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
        foreach (var network in proxies) options.KnownIPNetworks.Add(network);
    }
}
