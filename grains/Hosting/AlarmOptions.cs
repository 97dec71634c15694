using BkMonitor.Grains.Alerts;
using BkMonitor.Grains.Delivery;

namespace BkMonitor.Grains.Hosting;

/// <summary>Settings of the alarm second half (alerts, actions); section <c>BkMonitor:Alarm</c>.</summary>
public sealed class AlarmOptions
{
    public const string SectionName = "BkMonitor:Alarm";

    /// <summary>
    /// The alert index store shared by this silo's writer (in-process test clusters share one); null takes the
    /// <see cref="IAlertIndex"/> the host registered (SQLite, PostgreSQL), else an in-memory one per silo.
    /// </summary>
    public IAlertIndex? Index { get; set; }

    /// <summary>Queue, batch and retry bounds of the alert index writer.</summary>
    public AlertIndexWriterOptions IndexWriter { get; } = new();

    /// <summary>This system's public base address, used in webhook payloads (externalURL, generatorURL).</summary>
    public string ExternalUrl { get; set; } = "http://127.0.0.1:5080";

    /// <summary>Time zone notices render times in.</summary>
    public TimeZoneInfo TimeZone { get; set; } = TimeZoneInfo.Utc;

    /// <summary>New alerts per strategy/signal/severity per 60 s before QoS blocks; 0 disables.</summary>
    public int QosThreshold { get; set; } = QosCounter.DefaultThreshold;

    /// <summary>Per attempt; retries back off per <see cref="Delivery.WebhookSenderOptions"/>.</summary>
    public TimeSpan WebhookTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Attempts per webhook delivery (first try included).</summary>
    public int WebhookMaxAttempts { get; set; } = 3;

    /// <summary>First backoff between webhook attempts.</summary>
    public TimeSpan WebhookBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The wxwork-bot channel; a user group's own robot URL overrides the one set here.</summary>
    public WxWorkBotOptions WxWorkBot { get; set; } = new();

    /// <summary>The mail channel's SMTP server; null leaves the <c>mail</c> way unconfigured.</summary>
    public SmtpOptions? Smtp { get; set; }

    /// <summary>More notice channels (e.g. an SMS gateway) beside the built-in log, wxwork-bot and mail channels.</summary>
    public IList<INotificationChannel> Channels { get; } = [];
}
