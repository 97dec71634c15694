using BkMonitor.Grains.Bcs;

namespace BkMonitor.UnitTests.Bcs;

internal static class BcsTestClusters
{
    public static readonly BcsGatewaySettings Gateway = new("bcs-api.example.com", 443, "gw-token", BkEnv: "prod");

    public static Dictionary<BcsDataSourceKind, int> DataIds(int first = 1500000) =>
        BcsDataSourceSpec.All.ToDictionary(s => s.Kind, s => first + (int)s.Kind);

    public static BcsClusterState Registered(string clusterId = "BCS-K8S-00001", int biz = 2, string status = BcsClusterStatus.Running,
        string tenant = "system", string project = "proj-1", string token = "gw-token") =>
        BcsRegistration.Register(new BcsRegisterRequest(tenant, clusterId, biz, project), _ => false, Gateway with { Token = token }, DataIds(), now: 100)
            with { Status = status };

    public static BcsListedCluster Listed(string clusterId, int biz = 2, string status = "RUNNING", string project = "proj-1") =>
        new(clusterId, clusterId.ToLowerInvariant(), project, biz, status);
}
