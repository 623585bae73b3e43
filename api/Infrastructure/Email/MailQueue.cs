using System.Threading.Channels;

namespace Okr.Api.Infrastructure.Email;

/// <summary>
/// Messages sent after the answer: a request that mails someone answers as fast as one that does not (a password reset
/// for an unknown email must not be told apart by its timing), and a slow mail server never holds a request up.
/// Without SMTP settings nothing is queued.
/// </summary>
public sealed class MailQueue(Mailer mailer)
{
    private readonly Channel<MailMessage> _queue = Channel.CreateBounded<MailMessage>(new BoundedChannelOptions(10_000) { FullMode = BoundedChannelFullMode.DropOldest });

    public bool Configured => mailer.Configured;

    public void Enqueue(MailMessage message)
    {
        if (mailer.Configured) _queue.Writer.TryWrite(message);
    }

    internal ChannelReader<MailMessage> Reader => _queue.Reader;
}

/// <summary>Sends what <see cref="MailQueue"/> holds, in batches over one connection.</summary>
public sealed class MailSender(MailQueue queue, Mailer mailer, ILogger<MailSender> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (await queue.Reader.WaitToReadAsync(stoppingToken))
        {
            var batch = new List<MailMessage>();
            while (batch.Count < 100 && queue.Reader.TryRead(out var message)) batch.Add(message);
            try
            {
                var results = await mailer.SendAsync(batch, stoppingToken);
                foreach (var failure in results.Where(r => r is not null)) logger.LogWarning("An email was not sent: {Reason}", failure);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // A background failure must never stop the API: the batch is logged as lost and the queue goes on.
                logger.LogError(e, "{Count} emails were not sent", batch.Count);
            }
        }
    }
}
