namespace BkMonitor.Runtime.Redis;

/// <summary>Cluster membership in Redis: one versioned table per (service id, cluster id) on one node.</summary>
public sealed class RedisMembershipOptions : RedisProviderOptions
{
    public RedisNodeOptions Node { get; set; } = new();

    /// <summary>The deployment (stays the same across redeployments).</summary>
    public string ServiceId { get; set; } = "bkmonitor";

    /// <summary>This cluster of silos within the service.</summary>
    public string ClusterId { get; set; } = "default";

    public void Validate()
    {
        ValidateCommon("Redis membership");
        Node.Validate();
        if (string.IsNullOrWhiteSpace(ServiceId)) throw new ArgumentException("Redis membership: ServiceId is required.");
        if (string.IsNullOrWhiteSpace(ClusterId)) throw new ArgumentException("Redis membership: ClusterId is required.");
    }
}
