using System.Diagnostics;
using System.Diagnostics.Metrics;
using BkMonitor.GrainInterfaces.Actions;

namespace BkMonitor.Grains.Delivery;

/// <summary>
/// Delivery metrics of a silo (meter <see cref="MeterName"/>, exported on <c>/metrics</c>): sends of the action stage
/// by plugin, channel and outcome, and the HTTP attempts of the webhook sender by outcome.
/// </summary>
internal sealed class DeliveryInstruments : IDisposable
{
    public const string MeterName = "BkMonitor.Delivery";

    private readonly Meter _meter;
    private readonly Counter<long> _deliveries;
    private readonly Counter<long> _webhookAttempts;

    public DeliveryInstruments(IMeterFactory? meterFactory = null)
    {
        _meter = meterFactory?.Create(MeterName) ?? new Meter(MeterName);
        _deliveries = _meter.CreateCounter<long>("bkmonitor.action.deliveries", "{delivery}", "Webhooks and notices the action stage sent, by plugin, channel and outcome (retries within a send count once).");
        _webhookAttempts = _meter.CreateCounter<long>("bkmonitor.webhook.attempts", "{attempt}", "HTTP attempts of the webhook sender (webhook actions, webhook and wxwork-bot notices) by outcome.");
    }

    /// <summary>One send of the action stage ended: a webhook action (<paramref name="way"/> null) or a notice on its way.</summary>
    public void Delivered(string? way, DeliveryStatus status)
    {
        var plugin = way is null ? ActionPluginType.Webhook : ActionPluginType.Notice;
        // Ways come from user groups; an unknown one must not mint a series of its own.
        var channel = way is null ? "webhook" : ChannelRegistry.KnownWays.Contains(way) ? way : "other";
        _deliveries.Add(1, new TagList { { "plugin", plugin }, { "channel", channel }, { "outcome", OutcomeOf(status) } });
    }

    internal void Attempted(WebhookAttempt attempt)
    {
        var outcome = attempt.Succeeded ? "success" : attempt.TimedOut ? "timeout" : attempt.StatusCode is null ? "connection_error" : "http_error";
        _webhookAttempts.Add(1, new KeyValuePair<string, object?>("outcome", outcome));
    }

    public void Dispose() => _meter.Dispose();

    private static string OutcomeOf(DeliveryStatus status) => status switch
    {
        DeliveryStatus.Success => "success",
        DeliveryStatus.PartialSuccess => "partial_success",
        DeliveryStatus.Skipped => "skipped",
        _ => "failure",
    };
}
