using System.Text.Json.Serialization;

namespace BkMonitor.Grains.Routing;

/// <summary>What an alarm cluster routing rule is keyed on: a business id or an alert data id.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<RoutingTargetType>))]
public enum RoutingTargetType
{
    [JsonStringEnumMemberName("biz")]
    Biz,

    [JsonStringEnumMemberName("alert_data_id")]
    AlertDataId,
}
