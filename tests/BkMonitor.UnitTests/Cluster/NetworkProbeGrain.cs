using BkMonitor.Runtime;
using BkMonitor.Runtime.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace BkMonitor.UnitTests.Cluster;

public interface INetworkProbeGrain : IGrainWithStringKey
{
    Task<string> WhereAmI();

    Task Throw(string message);
}

/// <summary>A generated (not hand-registered) grain, so its requests can be decoded on the receiving silo.</summary>
[GrainType("cluster-network-probe")]
public sealed class NetworkProbeGrain : Grain, INetworkProbeGrain
{
    public Task<string> WhereAmI() => Task.FromResult(ServiceProvider.GetRequiredService<Silo>().Name);

    public Task Throw(string message) => throw new InvalidOperationException(message);
}
