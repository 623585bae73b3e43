using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using MimeKit;
using SmtpServer;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace Okr.Api.Tests.Infrastructure;

/// <summary>A real SMTP server in the test process (SmtpServer), keeping every message it receives.</summary>
public sealed class SmtpInbox : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _serving;

    public ConcurrentQueue<MimeMessage> Messages { get; } = new();

    public int Port { get; }

    public SmtpInbox()
    {
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            Port = ((IPEndPoint)listener.LocalEndpoint).Port;
        }

        var provider = new SmtpServer.ComponentModel.ServiceProvider();
        provider.Add(new Store(Messages));
        var server = new SmtpServer.SmtpServer(new SmtpServerOptionsBuilder().ServerName("localhost").Endpoint(e => e.Endpoint(new IPEndPoint(IPAddress.Loopback, Port))).Build(), provider);
        _serving = server.StartAsync(_stop.Token);
    }

    /// <summary>Waits (up to 10 s) for a message to <paramref name="address"/>: mail may go out after the answer.</summary>
    public async Task<MimeMessage> WaitForAsync(string address)
    {
        for (var i = 0; i < 200; i++)
        {
            var found = Messages.FirstOrDefault(m => m.To.Mailboxes.Any(b => b.Address == address));
            if (found is not null) return found;
            await Task.Delay(50);
        }

        throw new TimeoutException($"No email reached {address}.");
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _serving.ContinueWith(_ => { }, TaskScheduler.Default);
        _stop.Dispose();
    }

    private sealed class Store(ConcurrentQueue<MimeMessage> messages) : MessageStore
    {
        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            await using var stream = new MemoryStream(buffer.ToArray());
            messages.Enqueue(await MimeMessage.LoadAsync(stream, cancellationToken));
            return SmtpResponse.Ok;
        }
    }
}
