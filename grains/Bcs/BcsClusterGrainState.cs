namespace BkMonitor.Grains.Bcs;

/// <summary>Persisted BCS cluster record; null until registered.</summary>
internal sealed class BcsClusterGrainState
{
    public BcsClusterState? Cluster { get; set; }

    public bool IsFederated { get; set; }

    public List<string> InitErrors { get; set; } = [];
}
