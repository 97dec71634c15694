using System.Globalization;
using System.Net.Mail;
using System.Net.Sockets;

namespace BkMonitor.Grains.Delivery;

/// <summary>
/// The "mail" way: one message per notice to all receivers over our own SMTP client. Receivers the
/// server refuses (or that are not addresses) are named in the result; the others still get the mail.
/// </summary>
public sealed class SmtpMailChannel : INotificationChannel
{
    public const string WayName = "mail";

    private readonly SmtpOptions _options;
    private readonly MailAddress _from;
    private readonly TimeProvider _time;

    public SmtpMailChannel(SmtpOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        _from = options.Validate();
        _options = options;
        _time = time;
    }

    public string Name => WayName;

    public async Task<DeliveryResult> SendAsync(Notification notification, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notification);
        if (notification.Receivers.Count == 0) return DeliveryResult.Skip("no receivers");
        var headerError = MailMessageBuilder.CheckHeaders(notification.Headers);
        if (headerError is not null) return DeliveryResult.Failed(headerError);
        var started = _time.GetTimestamp();
        var failed = new Dictionary<string, string>();
        var valid = new List<MailAddress>();
        foreach (var receiver in notification.Receivers)
        {
            if (!MailAddresses.TryParse(receiver, out var address, out var error)) failed[receiver] = error;
            // A user in two groups is one receiver: one RCPT, one copy.
            else if (!valid.Any(v => v.Address.Equals(address.Address, StringComparison.OrdinalIgnoreCase))) valid.Add(address);
        }
        if (valid.Count == 0) return Finish(DeliveryStatus.Failure, null, "no valid receivers", failed, started, attempts: 0);

        var message = MailMessageBuilder.Build(_from, valid, notification, _options.Html, _time.GetUtcNow());
        var session = new SmtpSession(_options);
        using var timeout = new CancellationTokenSource(_options.Timeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        SmtpSubmission submission;
        try
        {
            submission = await session.SubmitAsync(_from.Address, valid.Select(a => a.Address).ToList(), message, linked.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            var seconds = _options.Timeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);
            return Finish(DeliveryStatus.Failure, null, $"SMTP timed out after {seconds} s during {session.Stage}", failed, started);
        }
        catch (SmtpProtocolException e)
        {
            return Finish(DeliveryStatus.Failure, e.Reply?.Code, $"SMTP {e.Message}", failed, started);
        }
        catch (Exception e) when (e is SocketException or IOException or System.Security.Authentication.AuthenticationException)
        {
            return Finish(DeliveryStatus.Failure, null, $"SMTP {_options.Host}:{_options.Port} failed during {session.Stage}: {e.Message}", failed, started);
        }
        foreach (var (receiver, reply) in submission.Rejected) failed[receiver] = reply;
        if (submission.DataReply is null)
        {
            return Finish(DeliveryStatus.Failure, null, "every receiver was refused", failed, started);
        }
        var status = failed.Count == 0 ? DeliveryStatus.Success : DeliveryStatus.PartialSuccess;
        var accepted = $"accepted for {submission.Accepted.Count} of {submission.Accepted.Count + failed.Count} receivers: {submission.DataReply}";
        return Finish(status, submission.DataReply.Code, accepted, failed, started);
    }

    private DeliveryResult Finish(DeliveryStatus status, int? code, string reason, Dictionary<string, string> failed, long started, int attempts = 1)
    {
        if (failed.Count > 0)
        {
            reason += "; refused: " + string.Join(", ", failed.Select(f => $"{f.Key} ({f.Value})"));
        }
        return new DeliveryResult(status, attempts, code, reason, _time.GetElapsedTime(started)) { FailedReceivers = failed };
    }
}
