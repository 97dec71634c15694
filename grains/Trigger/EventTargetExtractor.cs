namespace BkMonitor.Grains.Trigger;

/// <summary>
/// bk-monitor's target extraction: keep only the strategy's aggregation dimensions (plus the nodata
/// marker), strip a <c>tags.</c> prefix, then take the target by precedence — bk_host_id, bk_target_ip
/// (with bk_target_cloud_id, else bk_cloud_id), ip (with bk_cloud_id), bk_target_service_instance_id,
/// bk_service_instance_id, bk_obj_id + bk_inst_id, bcs_cluster_id (pod, workload, node, service).
/// Host/service/topo dimensions leave the tags; Kubernetes ones stay.
/// </summary>
internal static class EventTargetExtractor
{
    private const string TagsPrefix = "tags.";

    public static EventTarget Extract(IReadOnlyDictionary<string, string> dimensions, IReadOnlySet<string> aggDimensions)
    {
        var tags = new OrderedDimensions();
        foreach (var (key, value) in dimensions)
        {
            if (aggDimensions.Contains(key) || key == TriggerWindow.NoDataDimension) tags.Set(key, value);
        }
        // Python moves each prefixed key to the end of the dict (or onto an existing unprefixed key).
        foreach (var key in tags.Keys.Where(k => k.StartsWith(TagsPrefix, StringComparison.Ordinal)).ToList())
        {
            tags.Set(key[TagsPrefix.Length..], tags.Take(key)!);
        }

        var (type, target) = Pick(tags, aggDimensions);
        return new EventTarget(type, target, tags.Items);
    }

    private static (string Type, string? Target) Pick(OrderedDimensions tags, IReadOnlySet<string> agg)
    {
        if (!string.IsNullOrEmpty(tags.Get("bk_host_id"))) return (EventTarget.Host, tags.Take("bk_host_id"));
        if (agg.Contains("bk_target_ip"))
        {
            if (tags.Take("bk_target_ip") is not { } ip) return ("", null);
            var cloud = tags.Take("bk_target_cloud_id") ?? tags.Take("bk_cloud_id");
            return (EventTarget.Host, cloud is null ? ip : $"{ip}|{cloud}");
        }
        if (agg.Contains("ip"))
        {
            if (tags.Take("ip") is not { } ip) return ("", null);
            var cloud = tags.Take("bk_cloud_id");
            return (EventTarget.Host, cloud is null ? ip : $"{ip}|{cloud}");
        }
        if (agg.Contains("bk_target_service_instance_id"))
        {
            return tags.Take("bk_target_service_instance_id") is { } instance ? (EventTarget.Service, instance) : ("", null);
        }
        if (agg.Contains("bk_service_instance_id"))
        {
            return tags.Take("bk_service_instance_id") is { } instance ? (EventTarget.Service, instance) : ("", null);
        }
        if (tags.Get("bk_obj_id") is not null && tags.Get("bk_inst_id") is not null)
        {
            return (EventTarget.Topo, $"{tags.Take("bk_obj_id")}|{tags.Take("bk_inst_id")}");
        }
        return tags.Get("bcs_cluster_id") is not null ? Kubernetes(tags) : ("", null);
    }

    // Without bk-monitor's pod cache a pod is taken as named; namespaced kinds need a namespace.
    private static (string Type, string? Target) Kubernetes(OrderedDimensions tags)
    {
        var hasNamespace = tags.Get("namespace") is not null;
        var pod = FirstSet(tags, "pod", "pod_name");
        if (pod is not null) return hasNamespace ? (EventTarget.K8sPod, pod) : ("", null);

        var kind = tags.Get("workload_kind");
        var name = tags.Get("workload_name");
        if (!string.IsNullOrEmpty(kind) && !string.IsNullOrEmpty(name))
        {
            return hasNamespace ? (EventTarget.K8sWorkload, $"{kind}:{name}") : ("", null);
        }
        if (FirstSet(tags, "node", "node_name") is { } node) return (EventTarget.K8sNode, node);
        if (FirstSet(tags, "service", "service_name") is { } service)
        {
            return hasNamespace ? (EventTarget.K8sService, service) : ("", null);
        }
        return ("", null);
    }

    private static string? FirstSet(OrderedDimensions tags, string key, string fallback)
    {
        var value = tags.Get(key);
        if (!string.IsNullOrEmpty(value)) return value;
        value = tags.Get(fallback);
        return string.IsNullOrEmpty(value) ? null : value;
    }

    /// <summary>A small insertion-ordered map with Python dict semantics for set/pop.</summary>
    private sealed class OrderedDimensions
    {
        private readonly List<KeyValuePair<string, string>> _items = [];

        public IReadOnlyList<KeyValuePair<string, string>> Items => _items;

        public IEnumerable<string> Keys => _items.Select(i => i.Key);

        public string? Get(string key) => IndexOf(key) is var i && i >= 0 ? _items[i].Value : null;

        public void Set(string key, string value)
        {
            var i = IndexOf(key);
            if (i >= 0) _items[i] = new(key, value);
            else _items.Add(new(key, value));
        }

        public string? Take(string key)
        {
            var i = IndexOf(key);
            if (i < 0) return null;
            var value = _items[i].Value;
            _items.RemoveAt(i);
            return value;
        }

        private int IndexOf(string key) => _items.FindIndex(i => i.Key == key);
    }
}
