using BkMonitor.Grains.Bcs.Clients;

namespace BkMonitor.Grains.Bcs;

/// <summary>
/// BCS integration settings (configuration section <c>BkMonitor:Bcs</c>): the BCS API for discovery (off when its
/// BaseUrl is empty), the gateway through which each cluster's Kubernetes API is reached, and the periods.
/// </summary>
public sealed class BcsSettings
{
    public const string SectionName = "BkMonitor:Bcs";

    public BcsApiOptions Api { get; set; } = new();

    public string GatewayHost { get; set; } = "";

    public int GatewayPort { get; set; } = 443;

    /// <summary>http or https for the Kubernetes API behind the gateway.</summary>
    public string GatewaySchema { get; set; } = "https";

    public TimeSpan DiscoveryInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How often the DataID resources of running clusters are re-applied (a resource edited or deleted in the cluster comes back).</summary>
    public TimeSpan ResourceRefreshInterval { get; set; } = TimeSpan.FromMinutes(10);

    public HttpClient Http { get; set; } = new();

    public bool DiscoveryEnabled => Api.IsConfigured;

    internal BcsGatewaySettings Gateway => new(GatewayHost, GatewayPort, Api.Token, Schema: GatewaySchema);
}
