using System.Text.Json.Serialization;
using BkMonitor.GrainInterfaces.Alerts;

namespace BkMonitor.GrainInterfaces.Actions;

/// <summary>A signal of an alert, with the alert as it was when the signal fired (stream <c>action_notice</c>, keyed by alert id).</summary>
public sealed record ActionNotice
{
    [JsonPropertyName("alert_id")]
    public required string AlertId { get; init; }

    [JsonPropertyName("signal")]
    public required AlertSignal Signal { get; init; }

    [JsonPropertyName("alert")]
    public required Alerts.AlertSnapshot Alert { get; init; }

    /// <summary>When the alert grain announced the signal, epoch seconds.</summary>
    [JsonPropertyName("time")]
    public long Time { get; init; }
}
