namespace BkMonitor.Grains.Trigger;

/// <summary>
/// The target an event is about and the dimensions left over as tags (in the order bk-monitor keeps
/// them). <see cref="Type"/> is "" with a null <see cref="Target"/> when the dimensions name none.
/// </summary>
internal sealed record EventTarget(string Type, string? Target, IReadOnlyList<KeyValuePair<string, string>> Tags)
{
    public const string Host = "HOST";
    public const string Service = "SERVICE";
    public const string Topo = "TOPO";
    public const string K8sPod = "K8S-POD";
    public const string K8sNode = "K8S-NODE";
    public const string K8sService = "K8S-SERVICE";
    public const string K8sWorkload = "K8S-WORKLOAD";
}
