using System.Diagnostics.Metrics;
using BkMonitor.GrainInterfaces.Actions;
using BkMonitor.Grains.Alerts;
using BkMonitor.Grains.Delivery;
using Microsoft.Extensions.Logging;

namespace BkMonitor.Grains.Hosting;

/// <summary>What the alert and action grains of a silo share: the alert index writer, the id block, QoS, the webhook sender and the notice channels.</summary>
internal sealed class AlarmServices : IDisposable
{
    private readonly HttpClient _http;

    public AlarmServices(AlarmOptions options, AlertIndexWriter index, ILogger<LogChannel> logChannelLogger, TimeProvider time, IMeterFactory? meterFactory = null)
    {
        Options = options;
        AlertMetrics = new AlertInstruments(meterFactory);
        DeliveryMetrics = new DeliveryInstruments(meterFactory);
        Index = index;
        Qos = new SiloAlertQos(new QosCounter(options.QosThreshold));
        _http = WebhookSender.CreateHttpClient();
        // Network timeouts and backoff run on real time, whatever clock the silo's grains use.
        Webhooks = new WebhookSender(_http, new WebhookSenderOptions
        {
            AttemptTimeout = options.WebhookTimeout,
            MaxAttempts = options.WebhookMaxAttempts,
            BaseDelay = options.WebhookBaseDelay,
        }, TimeProvider.System) { Instruments = DeliveryMetrics };
        Channels = new ChannelRegistry(NoticeChannels(options, logChannelLogger, time));
        ConfiguredWays = NoticeWay.All.Where(Channels.IsConfigured).ToHashSet(StringComparer.Ordinal);
    }

    public AlarmOptions Options { get; }

    public AlertIndexWriter Index { get; }

    public AlertIdBlocks IdBlocks { get; } = new();

    /// <summary>The shields in force, copied to this silo for the alert manager's checks.</summary>
    public Shields.SiloShieldCache Shields { get; } = new();

    public IAlertQos Qos { get; }

    public WebhookSender Webhooks { get; }

    public ChannelRegistry Channels { get; }

    public AlertInstruments AlertMetrics { get; }

    public DeliveryInstruments DeliveryMetrics { get; }

    /// <summary>The notice ways that have a channel here; the others are reported as failed deliveries.</summary>
    public IReadOnlySet<string> ConfiguredWays { get; }

    public void Dispose()
    {
        _http.Dispose();
        AlertMetrics.Dispose();
        DeliveryMetrics.Dispose();
    }

    // The log channel needs no settings (the embedded default); wxwork-bot takes its URL from the user group.
    private IEnumerable<INotificationChannel> NoticeChannels(AlarmOptions options, ILogger<LogChannel> logger, TimeProvider time)
    {
        yield return new LogChannel(logger, time);
        yield return new WxWorkBotChannel(Webhooks, options.WxWorkBot);
        if (options.Smtp is { } smtp) yield return new SmtpMailChannel(smtp, TimeProvider.System);
        foreach (var channel in options.Channels) yield return channel;
    }
}
