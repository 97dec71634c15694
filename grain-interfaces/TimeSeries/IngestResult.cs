using System.Text.Json.Serialization;

namespace BkMonitor.GrainInterfaces.TimeSeries;

/// <summary>What happened to a custom report: all points stored, or none and why.</summary>
public sealed record IngestResult
{
    [JsonPropertyName("status")]
    public IngestStatus Status { get; init; }

    /// <summary>Metric values stored.</summary>
    [JsonPropertyName("accepted")]
    public int Accepted { get; init; }

    /// <summary>Strategies told about the new data.</summary>
    [JsonPropertyName("strategies")]
    public int Strategies { get; init; }

    [JsonPropertyName("message")]
    public string Message { get; init; } = "";

    [JsonPropertyName("errors")]
    public IReadOnlyDictionary<string, string[]> Errors { get; init; } = new Dictionary<string, string[]>();

    public static IngestResult Rejected(IngestStatus status, string message) => new() { Status = status, Message = message };
}

/// <summary>Accepted, or the reason nothing was stored.</summary>
public enum IngestStatus
{
    Accepted,
    Invalid,
    UnknownDataId,
    Unauthorized,
    Disabled,
    TooLarge,
}
