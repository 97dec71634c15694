namespace BkMonitor.Grains.Bcs;

/// <summary>
/// Kubernetes REST calls for the cluster-scoped DataID resource, reached through the BCS gateway at
/// <c>{schema}://{domain}:{port}/{server_address_path}/{cluster_id}</c>:
/// get <c>GET …/dataids/{name}</c> (404 → create), create <c>POST …/dataids</c>, replace <c>PUT …/dataids/{name}</c>.
/// </summary>
internal static class DataIdResourcePaths
{
    public const string Plural = "dataids";
    public const string Collection = "/apis/" + DataIdResourceBuilder.Group + "/" + DataIdResourceBuilder.Version + "/" + Plural;

    public static string ApiServer(BcsClusterState cluster, string schema) =>
        $"{schema}://{cluster.DomainName}:{cluster.Port}/{cluster.ServerAddressPath.Trim('/')}/{cluster.ClusterId}";

    public static string Get(string name) => Item(name);

    public static string Create => Collection;

    public static string Replace(string name) => Item(name);

    /// <summary>The auth header for the gateway, e.g. <c>authorization: Bearer {token}</c>.</summary>
    public static (string Name, string Value) AuthorizationHeader(BcsClusterState cluster) =>
        (cluster.ApiKeyType, $"{cluster.ApiKeyPrefix} {cluster.ApiKeyContent}");

    private static string Item(string name) => $"{Collection}/{Uri.EscapeDataString(name)}";
}
