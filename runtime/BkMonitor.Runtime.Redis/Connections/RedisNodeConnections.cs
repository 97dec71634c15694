using System.Collections.Concurrent;
using StackExchange.Redis;

namespace BkMonitor.Runtime.Redis.Connections;

/// <summary>
/// One multiplexer per node, connected lazily. StackExchange.Redis reconnects by itself after a lost
/// connection; what we add is Sentinel master lookup and errors that name the node's endpoint.
/// </summary>
public sealed class RedisNodeConnections : IDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<Task<ConnectionMultiplexer>>> _connections = new(StringComparer.Ordinal);
    private readonly Dictionary<string, RedisNodeOptions> _nodes;

    public RedisNodeConnections(IEnumerable<RedisNodeOptions> nodes)
    {
        _nodes = nodes.ToDictionary(n => n.Name, StringComparer.Ordinal);
    }

    public IReadOnlyCollection<RedisNodeOptions> Nodes => _nodes.Values;

    public async Task<IDatabase> GetDatabaseAsync(string nodeName)
    {
        if (!_nodes.TryGetValue(nodeName, out var node))
        {
            throw new ArgumentException($"Unknown Redis node '{nodeName}'; configured: {string.Join(", ", _nodes.Keys)}.", nameof(nodeName));
        }
        var lazy = _connections.GetOrAdd(nodeName, _ => new Lazy<Task<ConnectionMultiplexer>>(() => ConnectAsync(node)));
        try
        {
            return (await lazy.Value).GetDatabase();
        }
        catch
        {
            // Do not cache a failed first connect: the next call tries again.
            _connections.TryRemove(new KeyValuePair<string, Lazy<Task<ConnectionMultiplexer>>>(nodeName, lazy));
            throw;
        }
    }

    public static string Describe(RedisNodeOptions node)
        => node.ConnectionString is { Length: > 0 } cs
            ? $"'{node.Name}' at {cs.Split(',')[0]}"
            : $"'{node.Name}' (sentinels {string.Join(",", node.Sentinels)}, master {node.MasterName})";

    private static async Task<ConnectionMultiplexer> ConnectAsync(RedisNodeOptions node)
    {
        var configuration = node.ConnectionString is { Length: > 0 } cs ? cs : await ResolveMasterAsync(node);
        var options = ConfigurationOptions.Parse(configuration);
        options.AbortOnConnectFail = true;
        options.ConnectTimeout = Math.Min(options.ConnectTimeout, 5000);
        try
        {
            var multiplexer = await ConnectionMultiplexer.ConnectAsync(options);
            // After the first success, keep the multiplexer and let it reconnect on its own.
            multiplexer.PreserveAsyncOrder = false;
            return multiplexer;
        }
        catch (RedisConnectionException ex)
        {
            throw new RedisUnavailableException($"Redis node {Describe(node)} is unreachable: {ex.Message}", ex);
        }
    }

    private static async Task<string> ResolveMasterAsync(RedisNodeOptions node)
    {
        foreach (var sentinel in node.Sentinels)
        {
            try
            {
                var options = new ConfigurationOptions { CommandMap = CommandMap.Sentinel, TieBreaker = "", AbortOnConnectFail = true, ConnectTimeout = 3000 };
                options.EndPoints.Add(sentinel);
                using var connection = await ConnectionMultiplexer.ConnectAsync(options);
                var server = connection.GetServer(connection.GetEndPoints()[0]);
                var master = server.SentinelGetMasterAddressByName(node.MasterName);
                if (master is not null)
                {
                    var password = node.Password is { Length: > 0 } p ? $",password={p}" : "";
                    return $"{master}{password}";
                }
            }
            catch (RedisConnectionException)
            {
                // Try the next sentinel.
            }
        }
        throw new RedisUnavailableException($"No sentinel of Redis node {Describe(node)} knows the master.", null);
    }

    public void Dispose()
    {
        foreach (var lazy in _connections.Values)
        {
            if (lazy.IsValueCreated && lazy.Value.IsCompletedSuccessfully)
            {
                // Close(true), which Dispose does, waits a full second for a quiet socket; at shutdown the
                // providers' callers are done already.
                lazy.Value.Result.Close(allowCommandsToComplete: false);
                lazy.Value.Result.Dispose();
            }
        }
    }
}

/// <summary>A Redis node could not be reached; the message names the node and endpoint.</summary>
public sealed class RedisUnavailableException(string message, Exception? inner) : DependencyUnavailableException("Redis", message, inner);
