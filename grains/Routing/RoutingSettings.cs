using BkMonitor.GrainInterfaces.Routing;

namespace BkMonitor.Grains.Routing;

/// <summary>
/// Alarm cluster routing settings (section <c>BkMonitor:Routing</c>): rules that seed the routing singleton the first
/// time it activates; afterwards the stored rules (changed through REST) win.
/// </summary>
public sealed class RoutingSettings
{
    public const string SectionName = "BkMonitor:Routing";

    public List<ClusterRoutingRule> Rules { get; set; } = [];
}
