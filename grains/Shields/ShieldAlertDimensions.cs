using System.Globalization;
using BkMonitor.GrainInterfaces.Alerts;
using BkMonitor.Grains.Alerts;

namespace BkMonitor.Grains.Shields;

/// <summary>
/// The flat view of an alert that shield conditions are matched against (bk-monitor's
/// AlertShieldObj.get_dimension): the detected dimensions, the alert's dimensions, strategy_id,
/// level, metric ids, topo nodes and host id, with the usual aliases (ip / bk_target_ip,
/// bk_cloud_id / bk_target_cloud_id, service instance ids) and <c>tags.x</c> also reachable as <c>x</c>.
/// </summary>
internal static class ShieldAlertDimensions
{
    public static Dictionary<string, IReadOnlyList<string>> Of(
        AlertRecord alert,
        IReadOnlyList<string>? metricIds = null,
        IReadOnlyList<string>? topoNodes = null,
        string? hostId = null)
    {
        ArgumentNullException.ThrowIfNull(alert);
        return Of(alert.TopEvent, alert.Dimensions, alert.StrategyId, alert.Severity, metricIds, topoNodes, hostId);
    }

    /// <summary>The same view of an alert as announced with a signal.</summary>
    public static Dictionary<string, IReadOnlyList<string>> Of(AlertSnapshot alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        return Of(alert.Event, alert.Dimensions, alert.StrategyId, alert.Severity, null, null, null);
    }

    private static Dictionary<string, IReadOnlyList<string>> Of(
        AlertEvent topEvent,
        IReadOnlyList<AlertDimension> alertDimensions,
        long? strategyId,
        int severity,
        IReadOnlyList<string>? metricIds,
        IReadOnlyList<string>? topoNodes,
        string? hostId)
    {
        var dims = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var (key, value) in topEvent.Dimensions) dims[key] = [value];
        foreach (var dimension in alertDimensions) dims[dimension.Key] = [dimension.Value ?? ""];
        dims["strategy_id"] = [strategyId is { } sid ? sid.ToString(CultureInfo.InvariantCulture) : "None"];
        dims["level"] = [severity.ToString(CultureInfo.InvariantCulture)];
        if (!dims.ContainsKey("bk_topo_node")) dims["bk_topo_node"] = topoNodes ?? [];
        if (!dims.ContainsKey("bk_host_id") && hostId is not null) dims["bk_host_id"] = [hostId];
        dims["metric_id"] = metricIds ?? [];

        Alias(dims, "tags.bk_target_ip", "ip");
        Alias(dims, "ip", "bk_target_ip");
        Alias(dims, "bk_target_ip", "ip");
        Alias(dims, "tags.bk_target_cloud_id", "bk_cloud_id");
        Alias(dims, "bk_cloud_id", "bk_target_cloud_id");
        Alias(dims, "bk_target_cloud_id", "bk_cloud_id");
        Alias(dims, "tags.bk_target_service_instance_id", "service_instance_id");
        Alias(dims, "bk_service_instance_id", "service_instance_id");
        Alias(dims, "service_instance_id", "bk_target_service_instance_id");
        Alias(dims, "service_instance_id", "bk_service_instance_id");

        foreach (var (key, value) in dims.ToList())
        {
            if (key.StartsWith("tags.", StringComparison.Ordinal)) dims.TryAdd(key[5..], value);
        }
        return dims;
    }

    private static void Alias(Dictionary<string, IReadOnlyList<string>> dims, string from, string to)
    {
        if (dims.TryGetValue(from, out var value)) dims.TryAdd(to, value);
    }
}
