using BkMonitor.Grains.Alerts;
using BkMonitor.Grains.Delivery;

namespace BkMonitor.Grains.Hosting;

/// <summary>What the alert and action grains of a silo share: the alert index writer, the id block, QoS and the webhook sender.</summary>
internal sealed class AlarmServices : IDisposable
{
    private readonly HttpClient _http;

    public AlarmServices(AlarmOptions options, AlertIndexWriter index)
    {
        Options = options;
        Index = index;
        Qos = new SiloAlertQos(new QosCounter(options.QosThreshold));
        _http = WebhookSender.CreateHttpClient();
        // Network timeouts and backoff run on real time, whatever clock the silo's grains use.
        Webhooks = new WebhookSender(_http, new WebhookSenderOptions
        {
            AttemptTimeout = options.WebhookTimeout,
            MaxAttempts = options.WebhookMaxAttempts,
            BaseDelay = options.WebhookBaseDelay,
        }, TimeProvider.System);
    }

    public AlarmOptions Options { get; }

    public AlertIndexWriter Index { get; }

    public AlertIdBlocks IdBlocks { get; } = new();

    public IAlertQos Qos { get; }

    public WebhookSender Webhooks { get; }

    public void Dispose() => _http.Dispose();
}
