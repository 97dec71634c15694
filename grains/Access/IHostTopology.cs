namespace BkMonitor.Grains.Access;

/// <summary>CMDB knowledge the target range needs (bk-monitor's TopoNodeFuller and dynamic-group cache).</summary>
public interface IHostTopology
{
    /// <summary>
    /// Topo nodes (<c>"biz|2"</c>, <c>"set|5"</c>, <c>"module|9"</c>) of the host or service instance the
    /// dimensions describe; empty when unknown.
    /// </summary>
    IReadOnlyCollection<string> TopoNodes(IReadOnlyDictionary<string, string?> dimensions);

    /// <summary>The <c>bk_host_id</c>s of a dynamic group; empty when unknown.</summary>
    IReadOnlyCollection<string> DynamicGroupHosts(string dynamicGroupId);
}
