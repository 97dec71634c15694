using System.Text.Json.Serialization;

namespace BkMonitor.GrainInterfaces.Alerts;

/// <summary>Lifecycle status of an alert or event, serialized as bk-monitor spells it.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<AlertStatus>))]
public enum AlertStatus
{
    [JsonStringEnumMemberName("ABNORMAL")]
    Abnormal,

    [JsonStringEnumMemberName("RECOVERED")]
    Recovered,

    [JsonStringEnumMemberName("CLOSED")]
    Closed,
}
