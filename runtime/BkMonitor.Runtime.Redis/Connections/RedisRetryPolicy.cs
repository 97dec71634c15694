using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace BkMonitor.Runtime.Redis.Connections;

/// <summary>
/// Runs one Redis operation with exponential backoff on a lost connection, a timeout or a server still
/// loading its data after a restart. Each attempt is told its number, so a write whose earlier attempt
/// may have been applied can decide from the stored state instead of trusting or repeating it blindly.
/// </summary>
internal sealed partial class RedisRetryPolicy(
    RedisNodeConnections connections, RedisProviderOptions options, string provider, TimeProvider time, ILogger logger)
{
    public RedisNodeConnections Connections => connections;

    public async Task<T> ExecuteAsync<T>(string node, string operation, Func<IDatabase, int, Task<T>> attempt)
    {
        var delay = options.FirstRetryDelay;
        for (var number = 1; ; number++)
        {
            try
            {
                var db = await connections.GetDatabaseAsync(node).WaitAsync(options.OperationTimeout, time);
                return await attempt(db, number).WaitAsync(options.OperationTimeout, time);
            }
            catch (Exception ex) when (IsTransient(ex))
            {
                var tags = new KeyValuePair<string, object?>[] { new("provider", provider), new("node", node), new("operation", operation) };
                if (number >= options.MaxAttempts)
                {
                    RedisInstruments.FailureCount.Add(1, tags);
                    throw new RedisUnavailableException(
                        $"Redis {operation} on node {Describe(node)} failed after {number} attempt(s): {ex.Message}", ex);
                }
                RedisInstruments.RetryCount.Add(1, tags);
                LogRetry(logger, provider, operation, node, number, delay.TotalMilliseconds, ex.Message);
                await Task.Delay(delay, time);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, options.MaxRetryDelay.Ticks));
            }
        }
    }

    public Task ExecuteAsync(string node, string operation, Func<IDatabase, int, Task> attempt)
        => ExecuteAsync(node, operation, async (db, n) =>
        {
            await attempt(db, n);
            return true;
        });

    private string Describe(string node)
        => connections.Nodes.FirstOrDefault(n => n.Name == node) is { } options ? RedisNodeConnections.Describe(options) : $"'{node}'";

    internal static bool IsTransient(Exception ex) => ex switch
    {
        RedisConnectionException or TimeoutException or RedisUnavailableException => true,
        // A restarted server with persistence answers LOADING until its data set is back in memory.
        RedisServerException server => server.Message.StartsWith("LOADING", StringComparison.Ordinal),
        _ => false,
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "Redis {Provider} {Operation} on node {Node}: attempt {Attempt} failed, retrying in {DelayMs} ms: {Error}")]
    private static partial void LogRetry(ILogger logger, string provider, string operation, string node, int attempt, double delayMs, string error);
}
