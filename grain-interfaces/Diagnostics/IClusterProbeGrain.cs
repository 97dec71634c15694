using System.Text.Json.Serialization;
using BkMonitor.Runtime;

namespace BkMonitor.GrainInterfaces.Diagnostics;

/// <summary>
/// A diagnostic grain for cluster tests and the failover benchmark: tells where it runs, keeps a durable
/// counter (every acknowledged increment is written to storage) and records its reminder ticks durably.
/// </summary>
/// <remarks>
/// Probe grain <c>n</c> is also the implicit subscriber of stream (<see cref="ClusterProbeEvent.Namespace"/>,
/// <c>n</c>): producers number its events 1, 2, 3...; the grain keeps the last number and token durably, drops
/// repeats (token or number not newer) and counts numbers it never saw.
/// </remarks>
public interface IClusterProbeGrain : IGrainWithIntegerKey, IRemindable
{
    Task<ClusterProbeState> Ping();

    /// <summary>Adds one to the durable counter; returns only after the write succeeded.</summary>
    Task<long> Increment();

    /// <summary>Registers (or updates) the reminder <c>probe</c> with this period.</summary>
    Task StartReminder(int periodSeconds);
}

/// <summary>
/// What a probe grain answers: its silo, its counter, its recorded reminder ticks (unix ms) and what it consumed of
/// its probe event stream: the last producer sequence number, how many numbers were skipped (lost) and how many
/// repeats it dropped.
/// </summary>
public sealed record ClusterProbeState(
    [property: JsonPropertyName("silo")] string Silo,
    [property: JsonPropertyName("count")] long Count,
    [property: JsonPropertyName("ticks")] IReadOnlyList<long> Ticks,
    [property: JsonPropertyName("last_event")] long LastEvent = 0,
    [property: JsonPropertyName("skipped_events")] long SkippedEvents = 0,
    [property: JsonPropertyName("duplicate_events")] long DuplicateEvents = 0);
