using System.Net.Mail;
using System.Net.Security;

namespace BkMonitor.Grains.Delivery;

/// <summary>Where and as whom the "mail" way submits messages.</summary>
public sealed class SmtpOptions
{
    public string Host { get; init; } = "";

    public int Port { get; init; } = 25;

    /// <summary>Sender, "alarm@example.com" or "蓝鲸监控 &lt;alarm@example.com&gt;".</summary>
    public string From { get; init; } = "";

    /// <summary>When set, AUTH PLAIN (preferred) or LOGIN, whichever the server offers.</summary>
    public string? UserName { get; init; }

    public string? Password { get; init; }

    /// <summary>Require STARTTLS before AUTH and MAIL; a server that does not offer it is a failure, never a silent downgrade.</summary>
    public bool StartTls { get; init; }

    /// <summary>For private CAs or self-signed test servers; null uses the system's validation.</summary>
    public RemoteCertificateValidationCallback? CertificateValidation { get; init; }

    /// <summary>Bound on the whole session, connect to QUIT.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Sends text/html instead of text/plain (bk-monitor's mail templates are HTML).</summary>
    public bool Html { get; init; }

    public string HeloName { get; init; } = "bkmonitor";

    internal MailAddress Validate()
    {
        if (string.IsNullOrWhiteSpace(Host)) throw new ArgumentException("SMTP host is required", nameof(Host));
        if (Port is < 1 or > 65535) throw new ArgumentOutOfRangeException(nameof(Port), Port, "must be 1..65535");
        if (Timeout <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(Timeout), Timeout, "must be positive");
        if (string.IsNullOrWhiteSpace(HeloName) || HeloName.Any(c => c <= ' ' || c > '~'))
        {
            throw new ArgumentException($"invalid HELO name '{HeloName}'", nameof(HeloName));
        }
        return MailAddresses.TryParse(From, out var from, out var error)
            ? from
            : throw new ArgumentException($"invalid sender '{From}': {error}", nameof(From));
    }
}
