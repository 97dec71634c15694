using System.Text.Json;
using BkMonitor.GrainInterfaces.Strategies;
using BkMonitor.Grains.Hashing;

namespace BkMonitor.Grains.Access;

/// <summary>
/// An item's target range (bk-monitor's TargetCondition): OR-groups of AND-conditions over target keys.
/// Host conditions match <c>bk_host_id</c> or <c>"{ip}|{cloud_id}"</c> (ip from <c>bk_target_ip</c>, else
/// <c>ip</c>; cloud from <c>bk_target_cloud_id</c>, else <c>bk_cloud_id</c>, else 0); service conditions
/// match the instance id; topo conditions match <c>"{bk_obj_id}|{bk_inst_id}"</c> nodes. Data without host
/// or instance keys passes that condition; data without topo nodes fails a topo condition.
/// </summary>
internal sealed class TargetMatcher
{
    private readonly TargetClause[][] _groups;
    private readonly IHostTopology? _topology;

    private TargetMatcher(TargetClause[][] groups, IHostTopology? topology)
    {
        _groups = groups;
        _topology = topology;
    }

    /// <summary>Null when the item has no target (no range restriction).</summary>
    public static TargetMatcher? Create(IReadOnlyList<IReadOnlyList<TargetCondition>> target, IHostTopology? topology)
    {
        if (target.Count == 0 || target[0].Count == 0) return null;
        var groups = new List<TargetClause[]>();
        foreach (var group in target)
        {
            var clauses = group.Select(c => TargetClause.Create(c, topology)).Where(c => c.Keys.Count > 0).ToArray();
            // A group whose conditions all resolved to nothing is dropped, as in bk-monitor.
            if (clauses.Length > 0) groups.Add(clauses);
        }
        return new TargetMatcher([.. groups], topology);
    }

    public bool IsMatch(IReadOnlyDictionary<string, string?> dimensions)
    {
        foreach (var group in _groups)
        {
            if (GroupMatches(group, dimensions)) return true;
        }
        return false;
    }

    private bool GroupMatches(TargetClause[] group, IReadOnlyDictionary<string, string?> dimensions)
    {
        foreach (var clause in group)
        {
            bool? overlaps = clause.Kind switch
            {
                TargetKind.Host => HostOverlaps(clause.Keys, dimensions),
                TargetKind.ServiceInstance => ServiceOverlaps(clause.Keys, dimensions),
                _ => TopoOverlaps(clause.Keys, dimensions),
            };
            if (overlaps is null)
            {
                if (clause.Kind == TargetKind.TopoNode) return false;
                continue;
            }
            if (clause.IsEq != overlaps.Value) return false;
        }
        return true;
    }

    /// <summary>Null when the data carries no host key at all.</summary>
    private static bool? HostOverlaps(HashSet<string> keys, IReadOnlyDictionary<string, string?> dimensions)
    {
        var hostId = dimensions.GetValueOrDefault("bk_host_id");
        var ip = dimensions.TryGetValue("bk_target_ip", out var targetIp) ? targetIp : dimensions.GetValueOrDefault("ip");
        var hasHostId = !string.IsNullOrEmpty(hostId);
        var hasIp = !string.IsNullOrEmpty(ip);
        if (!hasHostId && !hasIp) return null;
        if (hasHostId && keys.Contains(hostId!)) return true;
        return hasIp && keys.Contains($"{ip}|{CloudId(dimensions)}");
    }

    private static string CloudId(IReadOnlyDictionary<string, string?> dimensions)
    {
        if (dimensions.TryGetValue("bk_target_cloud_id", out var cloud)) return PythonStr.Of(cloud);
        return dimensions.TryGetValue("bk_cloud_id", out cloud) ? PythonStr.Of(cloud) : "0";
    }

    private static bool? ServiceOverlaps(HashSet<string> keys, IReadOnlyDictionary<string, string?> dimensions)
    {
        var id = dimensions.TryGetValue("bk_target_service_instance_id", out var targetId)
            ? targetId
            : dimensions.GetValueOrDefault("service_instance_id");
        return string.IsNullOrEmpty(id) ? null : keys.Contains(id);
    }

    /// <summary>Null when the data's topo nodes are unknown: such data cannot be placed in the topology.</summary>
    private bool? TopoOverlaps(HashSet<string> keys, IReadOnlyDictionary<string, string?> dimensions)
    {
        var nodes = _topology?.TopoNodes(dimensions);
        if (nodes is { Count: > 0 })
        {
            foreach (var node in nodes)
            {
                if (keys.Contains(node)) return true;
            }
            return false;
        }
        if (dimensions.TryGetValue("bk_obj_id", out var obj) && dimensions.TryGetValue("bk_inst_id", out var inst))
        {
            return keys.Contains($"{PythonStr.Of(obj)}|{PythonStr.Of(inst)}");
        }
        return null;
    }

    private enum TargetKind { Host, ServiceInstance, TopoNode }

    private readonly record struct TargetClause(TargetKind Kind, bool IsEq, HashSet<string> Keys)
    {
        public static TargetClause Create(TargetCondition condition, IHostTopology? topology)
        {
            var field = condition.Field.ToLowerInvariant();
            var isEq = condition.Method.Equals("eq", StringComparison.OrdinalIgnoreCase);
            var keys = new HashSet<string>(StringComparer.Ordinal);
            switch (field)
            {
                case "ip" or "bk_target_ip":
                    foreach (var value in condition.Value) AddHostKeys(value, keys);
                    return new TargetClause(TargetKind.Host, isEq, keys);
                case "service_instance_id" or "bk_target_service_instance_id":
                    foreach (var value in condition.Value)
                    {
                        var id = Get(value, "bk_target_service_instance_id") ?? Get(value, "service_instance_id");
                        if (IsTruthy(id)) keys.Add(PythonStr.Of(id!.Value));
                    }
                    return new TargetClause(TargetKind.ServiceInstance, isEq, keys);
                case "dynamic_group":
                    foreach (var value in condition.Value)
                    {
                        var groupId = Get(value, "dynamic_group_id");
                        if (IsTruthy(groupId) && topology is not null) keys.UnionWith(topology.DynamicGroupHosts(PythonStr.Of(groupId!.Value)));
                    }
                    return new TargetClause(TargetKind.Host, isEq, keys);
                case var _ when field[(field.IndexOf('_', StringComparison.Ordinal) + 1)..] == "topo_node":
                    foreach (var value in condition.Value)
                    {
                        var obj = Get(value, "bk_obj_id");
                        var inst = Get(value, "bk_inst_id");
                        if (IsTruthy(obj) && IsTruthy(inst)) keys.Add($"{PythonStr.Of(obj!.Value)}|{PythonStr.Of(inst!.Value)}");
                    }
                    return new TargetClause(TargetKind.TopoNode, isEq, keys);
                default:
                    return new TargetClause(TargetKind.Host, isEq, keys);
            }
        }

        private static void AddHostKeys(IReadOnlyDictionary<string, JsonElement> value, HashSet<string> keys)
        {
            var hostId = Get(value, "bk_host_id");
            if (IsTruthy(hostId)) keys.Add(PythonStr.Of(hostId!.Value));
            var ip = value.ContainsKey("bk_target_ip") ? Get(value, "bk_target_ip") : Get(value, "ip");
            if (!IsTruthy(ip)) return;
            var cloud = value.TryGetValue("bk_target_cloud_id", out var targetCloud) ? PythonStr.Of(targetCloud)
                : value.TryGetValue("bk_cloud_id", out var hostCloud) ? PythonStr.Of(hostCloud)
                : "0";
            keys.Add($"{PythonStr.Of(ip!.Value)}|{cloud}");
        }

        private static JsonElement? Get(IReadOnlyDictionary<string, JsonElement> value, string key) =>
            value.TryGetValue(key, out var element) ? element : null;

        /// <summary>Python truthiness of a JSON value.</summary>
        private static bool IsTruthy(JsonElement? element) => element is { } e && e.ValueKind switch
        {
            JsonValueKind.Null or JsonValueKind.Undefined or JsonValueKind.False => false,
            JsonValueKind.String => e.GetString()!.Length > 0,
            JsonValueKind.Number => e.GetDouble() != 0,
            JsonValueKind.Array => e.GetArrayLength() > 0,
            JsonValueKind.Object => e.EnumerateObject().Any(),
            _ => true,
        };
    }
}
