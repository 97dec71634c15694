using System.Text.Json.Serialization;

namespace BkMonitor.GrainInterfaces.Alerts;

/// <summary>Signals an alert emits towards notice and action relations.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<AlertSignal>))]
public enum AlertSignal
{
    [JsonStringEnumMemberName("abnormal")]
    Abnormal,

    [JsonStringEnumMemberName("recovered")]
    Recovered,

    [JsonStringEnumMemberName("closed")]
    Closed,

    [JsonStringEnumMemberName("ack")]
    Ack,

    [JsonStringEnumMemberName("no_data")]
    NoData,

    [JsonStringEnumMemberName("execute")]
    Execute,

    [JsonStringEnumMemberName("execute_success")]
    ExecuteSuccess,

    [JsonStringEnumMemberName("execute_failed")]
    ExecuteFailed,
}
