namespace BkMonitor.Runtime.Hosting;

/// <summary>Identity, endpoints and runtime limits of a silo (configuration section <c>BkMonitor:Silo</c>).</summary>
public sealed class SiloOptions
{
    public const string SectionName = "BkMonitor:Silo";

    /// <summary>The application; silos of different services never share a cluster.</summary>
    public string ServiceId { get; set; } = "bkmonitor";

    /// <summary>The deployment (cluster) the silo joins.</summary>
    public string ClusterId { get; set; } = "default";

    public string SiloName { get; set; } = Environment.MachineName;

    /// <summary>Roles (silo groups) this silo carries; grains that need a role are placed only on silos carrying it.</summary>
    public List<string> Roles { get; set; } = [];

    /// <summary>The host other silos reach this one at.</summary>
    public string AdvertisedHost { get; set; } = "127.0.0.1";

    public int SiloPort { get; set; } = 11111;

    public int GatewayPort { get; set; } = 30000;

    /// <summary>A call that gets no response within this time fails with <see cref="GrainCallTimeoutException"/>.</summary>
    public TimeSpan ResponseTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Activations idle for this long are deactivated.</summary>
    public TimeSpan CollectionAge { get; set; } = TimeSpan.FromHours(2);

    /// <summary>How often idle collection runs.</summary>
    public TimeSpan CollectionQuantum { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Points per silo on the placement ring; more points spread grains more evenly.</summary>
    public int VirtualNodesPerSilo { get; set; } = 30;
}
