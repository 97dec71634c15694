using System.Text.Json;
using BkMonitor.GrainInterfaces.Strategies;
using BkMonitor.Grains.Hashing;

namespace BkMonitor.Grains.Nodata;

/// <summary>
/// The instances a nodata check expects from an item's target (ALARM-SPEC §5), for the one kind of target this
/// pipeline can enumerate: explicit hosts (field <c>ip</c>/<c>bk_target_ip</c>, method <c>eq</c>), one
/// <c>{bk_target_ip, bk_target_cloud_id}</c> per host. Topology nodes, service instances and dynamic groups
/// would need the CMDB, and a group of several conditions would need their intersection: for those, and
/// without a target, this is null and the dimension history decides.
/// </summary>
internal static class NoDataTargetInstances
{
    public static IReadOnlyList<IReadOnlyDictionary<string, string>>? Of(StrategyItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        if (item.Target.All(group => group.Count == 0)) return null;
        var instances = new List<IReadOnlyDictionary<string, string>>();
        var seen = new HashSet<(string, string)>();
        foreach (var group in item.Target)
        {
            if (group.Count == 0) continue;
            if (group.Count > 1 || !IsHostList(group[0])) return null;
            foreach (var value in group[0].Value)
            {
                if (HostOf(value) is { } host && seen.Add(host))
                {
                    instances.Add(new Dictionary<string, string> { ["bk_target_ip"] = host.Ip, ["bk_target_cloud_id"] = host.Cloud });
                }
            }
        }
        return instances;
    }

    private static bool IsHostList(TargetCondition condition) =>
        condition.Field.ToLowerInvariant() is "ip" or "bk_target_ip" && condition.Method.Equals("eq", StringComparison.OrdinalIgnoreCase);

    private static (string Ip, string Cloud)? HostOf(IReadOnlyDictionary<string, JsonElement> value)
    {
        if (!value.TryGetValue("bk_target_ip", out var ip) && !value.TryGetValue("ip", out ip)) return null;
        if (ip.ValueKind != JsonValueKind.String || ip.GetString() is not { Length: > 0 } address) return null;
        var cloud = value.TryGetValue("bk_target_cloud_id", out var targetCloud) ? PythonStr.Of(targetCloud)
            : value.TryGetValue("bk_cloud_id", out var hostCloud) ? PythonStr.Of(hostCloud)
            : "0";
        return (address, cloud);
    }
}
