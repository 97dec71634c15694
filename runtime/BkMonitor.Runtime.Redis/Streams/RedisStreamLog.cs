using Microsoft.Extensions.Logging;

namespace BkMonitor.Runtime.Redis.Streams;

/// <summary>Source-generated log messages of the Redis stream provider.</summary>
internal static partial class RedisStreamLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "Redis streams {Provider} queue {Queue}: {Error}; the agent retries in {DelayMs} ms")]
    private static partial void AgentFault(ILogger logger, Exception exception, string provider, int queue, double delayMs, string error);

    public static void AgentFault(ILogger logger, Exception exception, string provider, int queue, double delayMs)
        => AgentFault(logger, exception, provider, queue, delayMs, exception.Message);

    [LoggerMessage(Level = LogLevel.Error, Message = "Redis streams {Provider}: {Count} event(s) of stream {StreamId} from entry {EntryId} cannot be read; acknowledged and skipped")]
    public static partial void Unreadable(ILogger logger, Exception exception, string provider, StreamId streamId, string entryId, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Redis streams {Provider}: this silo now owns queues [{Queues}] of {Total}")]
    public static partial void Owned(ILogger logger, string provider, string queues, int total);
}
