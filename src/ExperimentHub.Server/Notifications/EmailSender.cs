using ExperimentHub.Server.Data.Entities;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace ExperimentHub.Server.Notifications;

/// <summary>Sends a delivery as a plain-text email through the SMTP relay of <see cref="SmtpOptions"/> (MailKit).</summary>
public sealed class EmailSender(IOptions<NotificationsOptions> options)
{
    public async Task SendAsync(NotificationDelivery delivery, string? sweepUrl, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        var smtp = options.Value.Smtp;
        if (string.IsNullOrWhiteSpace(smtp.Host))
        {
            throw new NotificationFailedException("email is not set up on this server: ExperimentHub:Notifications:Smtp:Host is empty") { Permanent = true };
        }
        using var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(smtp.From));
        message.To.Add(MailboxAddress.Parse(delivery.Target));
        message.Subject = delivery.Text.Length <= 200 ? delivery.Text : delivery.Text[..197] + "...";
        message.Body = new TextPart("plain")
        {
            Text = delivery.Text + (sweepUrl is null ? "" : $"\n\n{sweepUrl}\n") + $"\n(event {delivery.Event}, sweep {delivery.SweepId})\n",
        };
        var security = smtp.Security switch
        {
            "none" => SecureSocketOptions.None,
            "ssl" => SecureSocketOptions.SslOnConnect,
            _ => SecureSocketOptions.StartTlsWhenAvailable,
        };
        using var client = new SmtpClient { Timeout = (int)TimeSpan.FromSeconds(options.Value.WebhookTimeoutSeconds).TotalMilliseconds };
        try
        {
            await client.ConnectAsync(smtp.Host, smtp.Port, security, cancellationToken);
            if (!string.IsNullOrEmpty(smtp.Username))
            {
                await client.AuthenticateAsync(smtp.Username, smtp.Password, cancellationToken);
            }
            await client.SendAsync(message, cancellationToken);
            await client.DisconnectAsync(quit: true, cancellationToken);
        }
        catch (Exception ex) when (ex is IOException or System.Net.Sockets.SocketException or SmtpCommandException or SmtpProtocolException
            or AuthenticationException or ServiceNotConnectedException or TimeoutException)
        {
            throw new NotificationFailedException($"sending to {delivery.Target} through {smtp.Host}:{smtp.Port} failed: {ex.Message}", ex);
        }
    }
}
