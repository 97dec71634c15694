using System.Text.RegularExpressions;

namespace BkMonitor.Grains.Bcs;

/// <summary>
/// register_cluster and the status transitions of a BCS cluster record. The caller allocates the six
/// data ids, creates their data sources, then writes the DataID resources and reports the outcome with
/// <see cref="ApplyInitResult"/>.
/// </summary>
internal static partial class BcsRegistration
{
    /// <summary>bk-monitor parses ids with <c>^BCS-K8S-(\d+)$</c>; seed 002 shows five digits (BCS-K8S-40001), more are accepted.</summary>
    [GeneratedRegex(@"^BCS-K8S-\d+$", RegexOptions.CultureInvariant)]
    private static partial Regex ClusterIdPattern();

    public static string? ValidateClusterId(string? clusterId) =>
        string.IsNullOrEmpty(clusterId) ? "cluster_id must not be empty"
        : ClusterIdPattern().IsMatch(clusterId) ? null
        : $"cluster_id '{clusterId}' does not look like BCS-K8S-<digits>";

    public static BcsClusterState Register(
        BcsRegisterRequest request,
        Func<string, bool> isRegistered,
        BcsGatewaySettings gateway,
        IReadOnlyDictionary<BcsDataSourceKind, int> dataIds,
        long now)
    {
        if (ValidateClusterId(request.ClusterId) is { } error)
        {
            throw new ArgumentException(error, nameof(request));
        }
        if (isRegistered(request.ClusterId))
        {
            throw new BcsClusterAlreadyRegisteredException(request.ClusterId);
        }
        foreach (var spec in BcsDataSourceSpec.All)
        {
            if (!dataIds.TryGetValue(spec.Kind, out var id) || id <= 0)
            {
                throw new ArgumentException($"no data id allocated for {spec.ResourceName} of cluster '{request.ClusterId}'", nameof(dataIds));
            }
        }

        return new BcsClusterState
        {
            ClusterId = request.ClusterId,
            TenantId = request.TenantId,
            BkBizId = request.BkBizId,
            ProjectId = request.ProjectId,
            Status = BcsClusterStatus.Running,
            DomainName = gateway.Host,
            Port = gateway.Port,
            ApiKeyContent = gateway.Token,
            BkEnv = gateway.BkEnv,
            K8sMetricDataId = dataIds[BcsDataSourceKind.K8sMetric],
            CustomMetricDataId = dataIds[BcsDataSourceKind.CustomMetric],
            K8sEventDataId = dataIds[BcsDataSourceKind.K8sEvent],
            CustomEventDataId = dataIds[BcsDataSourceKind.CustomEvent],
            SystemLogDataId = dataIds[BcsDataSourceKind.SystemLog],
            CustomLogDataId = dataIds[BcsDataSourceKind.CustomLog],
            Creator = request.Creator,
            CreateTime = now,
            LastModifyTime = now,
        };
    }

    /// <summary>After writing the DataID resources: failure parks the cluster in init_failed for discovery to retry; success clears it.</summary>
    public static BcsClusterState ApplyInitResult(BcsClusterState cluster, bool succeeded, long now)
    {
        var status = succeeded
            ? cluster.Status == BcsClusterStatus.InitFailed ? BcsClusterStatus.Running : cluster.Status
            : BcsClusterStatus.InitFailed;
        return status == cluster.Status ? cluster : cluster with { Status = status, LastModifyTime = now };
    }

    /// <summary>
    /// Discovery's refresh of a known cluster from its listing: mirror BCS's status (except while
    /// init_failed, which only a successful retry clears), the current gateway token, business and project.
    /// </summary>
    public static (BcsClusterState Cluster, BcsClusterChanges Changes) ApplyRefresh(
        BcsClusterState cluster, BcsListedCluster listed, string currentToken, long now)
    {
        var changes = new BcsClusterChanges(
            Status: listed.Status != cluster.Status && cluster.Status != BcsClusterStatus.InitFailed ? (cluster.Status, listed.Status) : null,
            ApiKeyChanged: cluster.ApiKeyContent != currentToken,
            BizMove: listed.BkBizId != cluster.BkBizId ? (cluster.BkBizId, listed.BkBizId) : null,
            Project: listed.ProjectId != cluster.ProjectId ? (cluster.ProjectId, listed.ProjectId) : null);
        if (!changes.HasChanges)
        {
            return (cluster, BcsClusterChanges.None);
        }

        var updated = cluster with
        {
            Status = changes.Status?.New ?? cluster.Status,
            ApiKeyContent = currentToken,
            BkBizId = listed.BkBizId,
            ProjectId = listed.ProjectId,
            LastModifyTime = now,
        };
        return (updated, changes);
    }

    public static BcsClusterState MarkDeleted(BcsClusterState cluster, long now) =>
        cluster.Status == BcsClusterStatus.Deleted ? cluster : cluster with { Status = BcsClusterStatus.Deleted, LastModifyTime = now };
}
