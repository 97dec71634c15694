using System.Diagnostics.Metrics;

namespace BkMonitor.Runtime.Redis;

/// <summary>The Redis providers' meter and instrument names, in one place.</summary>
internal static class RedisInstruments
{
    public const string MeterName = "BkMonitor.Runtime.Redis";
    public const string Retries = "bkmonitor.redis.retries";
    public const string Failures = "bkmonitor.redis.failures";
    public const string PingLatency = "bkmonitor.redis.ping.duration";
    public const string QueueRejected = "bkmonitor.redis.streams.rejected";

    public static readonly Meter Meter = new(MeterName);

    /// <summary>Attempts retried after a lost connection or a timeout; tags provider, node, operation.</summary>
    public static readonly Counter<long> RetryCount = Meter.CreateCounter<long>(Retries, description: "Redis operations retried after a connection loss or timeout");

    /// <summary>Operations that failed after their last attempt.</summary>
    public static readonly Counter<long> FailureCount = Meter.CreateCounter<long>(Failures, description: "Redis operations that failed after all attempts");

    public static readonly Histogram<double> PingDuration = Meter.CreateHistogram<double>(PingLatency, unit: "ms", description: "Redis PING round trip");

    public static readonly Counter<long> RejectedBatches = Meter.CreateCounter<long>(QueueRejected, description: "Stream batches refused because the queue was full");
}
