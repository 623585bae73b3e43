using System.Net;
using System.Net.Sockets;

namespace Okr.Api.Tests.Infrastructure;

/// <summary>
/// A TCP proxy in front of the test PostgreSQL that a test can cut (every connection dropped, new ones refused) and
/// restore, so the API under test sees the database go away and come back exactly as in a restart or a network outage.
/// </summary>
public sealed class CuttableProxy : IAsyncDisposable
{
    private readonly IPEndPoint _target;
    private readonly List<TcpClient> _open = [];
    private TcpListener? _listener;
    private CancellationTokenSource _cut = new();

    public CuttableProxy(string host, int port)
    {
        var address = Dns.GetHostAddresses(host).First(a => a.AddressFamily == AddressFamily.InterNetwork);
        _target = new IPEndPoint(address, port);
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _ = AcceptAsync(_listener, _cut.Token);
    }

    public int Port { get; }

    /// <summary>Drops every connection and refuses new ones.</summary>
    public void Cut()
    {
        _cut.Cancel();
        _listener?.Stop();
        _listener = null;
        lock (_open)
        {
            foreach (var client in _open) client.Dispose();
            _open.Clear();
        }
    }

    /// <summary>Accepts connections again, on the same port.</summary>
    public void Restore()
    {
        _cut = new CancellationTokenSource();
        _listener = new TcpListener(IPAddress.Loopback, Port);
        _listener.Start();
        _ = AcceptAsync(_listener, _cut.Token);
    }

    private async Task AcceptAsync(TcpListener listener, CancellationToken cut)
    {
        while (!cut.IsCancellationRequested)
        {
            TcpClient inbound;
            try
            {
                inbound = await listener.AcceptTcpClientAsync(cut);
            }
            catch (Exception) when (cut.IsCancellationRequested || listener.Server is null)
            {
                return;
            }
            catch (ObjectDisposedException)
            {
                return;
            }
            catch (SocketException)
            {
                return;
            }

            var outbound = new TcpClient();
            try
            {
                await outbound.ConnectAsync(_target, cut);
            }
            catch (Exception)
            {
                inbound.Dispose();
                outbound.Dispose();
                continue;
            }

            lock (_open)
            {
                _open.Add(inbound);
                _open.Add(outbound);
            }

            _ = PumpAsync(inbound, outbound, cut);
            _ = PumpAsync(outbound, inbound, cut);
        }
    }

    private static async Task PumpAsync(TcpClient from, TcpClient to, CancellationToken cut)
    {
        try
        {
            await from.GetStream().CopyToAsync(to.GetStream(), cut);
        }
        catch (Exception)
        {
            // a cut, or either side closed: end both
        }

        from.Dispose();
        to.Dispose();
    }

    public ValueTask DisposeAsync()
    {
        Cut();
        return ValueTask.CompletedTask;
    }
}
