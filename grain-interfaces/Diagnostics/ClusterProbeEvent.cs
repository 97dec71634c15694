using System.Text.Json.Serialization;

namespace BkMonitor.GrainInterfaces.Diagnostics;

/// <summary>An event of a probe stream: its producer's sequence number on that stream (1, 2, 3...).</summary>
public sealed record ClusterProbeEvent([property: JsonPropertyName("sequence")] long Sequence)
{
    /// <summary>Stream namespace of the probe events; the stream key is the probe grain's id.</summary>
    public const string Namespace = "diag-probe-event";
}
