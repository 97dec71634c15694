namespace BkMonitor.Grains.Bcs;

/// <summary>
/// One federation proxy cluster: its host cluster and, per sub-cluster, the federated namespaces.
/// A null namespace list means BCS did not say; the pair is kept but its row is left as it is.
/// </summary>
internal sealed record BcsFederatedCluster(string HostClusterId, IReadOnlyDictionary<string, IReadOnlyList<string>?> SubClusters);

/// <summary>A tenant's whole federation snapshot, keyed by federation proxy cluster id.</summary>
internal sealed record BcsFederationTopology(IReadOnlyDictionary<string, BcsFederatedCluster> Clusters)
{
    public static BcsFederationTopology Empty { get; } = new(new Dictionary<string, BcsFederatedCluster>());

    public bool IsEmpty => Clusters.Count == 0;

    public bool IsProxy(string clusterId) => Clusters.ContainsKey(clusterId);
}
