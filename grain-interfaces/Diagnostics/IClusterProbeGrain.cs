using System.Text.Json.Serialization;
using BkMonitor.Runtime;

namespace BkMonitor.GrainInterfaces.Diagnostics;

/// <summary>
/// A diagnostic grain for cluster tests and the failover benchmark: tells where it runs, keeps a durable
/// counter (every acknowledged increment is written to storage) and records its reminder ticks durably.
/// </summary>
public interface IClusterProbeGrain : IGrainWithIntegerKey, IRemindable
{
    Task<ClusterProbeState> Ping();

    /// <summary>Adds one to the durable counter; returns only after the write succeeded.</summary>
    Task<long> Increment();

    /// <summary>Registers (or updates) the reminder <c>probe</c> with this period.</summary>
    Task StartReminder(int periodSeconds);
}

/// <summary>What a probe grain answers: its silo, its counter and its recorded reminder ticks (unix ms).</summary>
public sealed record ClusterProbeState(
    [property: JsonPropertyName("silo")] string Silo,
    [property: JsonPropertyName("count")] long Count,
    [property: JsonPropertyName("ticks")] IReadOnlyList<long> Ticks);
