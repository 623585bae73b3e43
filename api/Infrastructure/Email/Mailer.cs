using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Okr.Api.Infrastructure.Email;

/// <summary>One message to send: recipient, subject, and the text and HTML bodies.</summary>
public sealed record MailMessage(string ToName, string ToAddress, string Subject, string Text, string Html);

/// <summary>Sends email through the configured SMTP server with MailKit, over one connection per batch.</summary>
public sealed class Mailer(IOptions<SmtpOptions> options, ILogger<Mailer> logger)
{
    public bool Configured => options.Value.Configured;

    /// <summary>Sends each message; returns, per message, null when the server took it, else why not. A failure never stops the rest.</summary>
    public async Task<IReadOnlyList<string?>> SendAsync(IReadOnlyList<MailMessage> messages, CancellationToken ct)
    {
        var smtp = options.Value;
        var results = new string?[messages.Count];
        if (messages.Count == 0) return results;
        using var client = new SmtpClient();
        try
        {
            var security = smtp.Security.ToLowerInvariant() switch
            {
                "none" => SecureSocketOptions.None,
                "tls" => SecureSocketOptions.SslOnConnect,
                _ => SecureSocketOptions.StartTls,
            };
            await client.ConnectAsync(smtp.Host!, smtp.Port, security, ct);
            if (!string.IsNullOrEmpty(smtp.Username)) await client.AuthenticateAsync(smtp.Username, smtp.Password ?? "", ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "Could not reach the mail server {Host}:{Port}", smtp.Host, smtp.Port);
            Array.Fill(results, $"The mail server could not be reached: {e.Message}");
            return results;
        }

        for (var i = 0; i < messages.Count; i++)
        {
            if (!client.IsConnected)
            {
                results[i] = "The connection to the mail server was lost.";
                continue;
            }

            var message = messages[i];
            try
            {
                // Built inside the try: an address MimeKit cannot parse fails this message, never the batch (or the host).
                var mime = new MimeMessage { Subject = message.Subject };
                mime.From.Add(MailboxAddress.Parse(smtp.From));
                mime.To.Add(new MailboxAddress(message.ToName, message.ToAddress));
                mime.Body = new BodyBuilder { TextBody = message.Text, HtmlBody = message.Html }.ToMessageBody();
                await client.SendAsync(mime, ct);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "A message was not sent");
                results[i] = e.Message;
            }
        }

        try
        {
            if (client.IsConnected) await client.DisconnectAsync(true, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogDebug(e, "The mail server did not say goodbye"); // everything was handed over already
        }

        return results;
    }
}
