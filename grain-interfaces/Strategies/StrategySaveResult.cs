using System.Text.Json.Serialization;

namespace BkMonitor.GrainInterfaces.Strategies;

/// <summary>The outcome of a strategy save: the stored strategy, or why nothing was stored.</summary>
public sealed record StrategySaveResult
{
    [JsonPropertyName("status")]
    public StrategySaveStatus Status { get; init; }

    [JsonPropertyName("strategy")]
    public Strategy? Strategy { get; init; }

    /// <summary>Field-level messages keyed by JSON path (<c>items[0].algorithms[1].config</c>) when invalid.</summary>
    [JsonPropertyName("errors")]
    public IReadOnlyDictionary<string, string[]> Errors { get; init; } = new Dictionary<string, string[]>();

    [JsonPropertyName("message")]
    public string Message { get; init; } = "";

    public static StrategySaveResult Saved(Strategy strategy, bool created) =>
        new() { Status = created ? StrategySaveStatus.Created : StrategySaveStatus.Updated, Strategy = strategy };

    public static StrategySaveResult Invalid(IReadOnlyDictionary<string, string[]> errors) =>
        new() { Status = StrategySaveStatus.Invalid, Errors = errors, Message = "The strategy has invalid fields." };

    public static StrategySaveResult Failed(StrategySaveStatus status, string message) => new() { Status = status, Message = message };
}

/// <summary>Created / Updated: stored. Invalid: field errors. Conflict: create of an existing id. NotFound: replace of a missing one.</summary>
public enum StrategySaveStatus
{
    Created,
    Updated,
    Invalid,
    Conflict,
    NotFound,
}
