namespace BkMonitor.Grains.Bcs;

/// <summary>One cluster as the BCS cluster manager lists it, reduced to what discovery needs.</summary>
internal sealed record BcsListedCluster(
    string ClusterId,
    string ClusterName,
    string ProjectId,
    int BkBizId,
    string Status,
    bool IsDeleted = false,
    string Environment = "",
    bool IsShared = false)
{
    /// <summary>A listing entry for a cluster that is gone: BCS normally omits these, but may report them.</summary>
    public bool IsGone => IsDeleted || Status == BcsClusterStatus.Deleted;
}
