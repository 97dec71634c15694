using BkMonitor.Runtime.Hosting;
using BkMonitor.Runtime.Redis.Connections;

namespace BkMonitor.Runtime.Redis.Health;

/// <summary>
/// Connects to every node of a provider when the silo starts, so an unreachable Redis stops the start with
/// a <see cref="RedisUnavailableException"/> naming the node and endpoint instead of failing grain calls later.
/// </summary>
internal sealed class RedisStartupCheck(RedisNodeConnections connections, int stage, Func<CancellationToken, Task>? afterConnect = null)
    : ISiloLifecycleParticipant
{
    public int Stage => stage;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var node in connections.Nodes)
        {
            await connections.GetDatabaseAsync(node.Name).WaitAsync(cancellationToken);
        }
        if (afterConnect is not null) await afterConnect(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
