using System.Text.Json.Serialization;

namespace BkMonitor.GrainInterfaces.Converge;

/// <summary>What converge decided for an action instance.</summary>
public sealed record ConvergeVerdict
{
    /// <summary>run, converged, skip, wait, approval or already_finished.</summary>
    [JsonPropertyName("kind")]
    public string Kind { get; init; } = ConvergeVerdictKind.Run;

    /// <summary>The action status to store (converged, skipped, sleep, waiting); null when nothing changes.</summary>
    [JsonPropertyName("status")]
    public string? Status { get; init; }

    [JsonPropertyName("converge_id")]
    public long? ConvergeId { get; init; }

    [JsonPropertyName("reason")]
    public string Reason { get; init; } = "";

    /// <summary>Epoch seconds: re-evaluate a waiting instance then.</summary>
    [JsonPropertyName("recheck_at")]
    public long? RecheckAt { get; init; }

    /// <summary>Epoch seconds: the collect summary of <see cref="ConvergeId"/> is due then (set for the instance that opened it).</summary>
    [JsonPropertyName("collect_due_at")]
    public long? CollectDueAt { get; init; }

    [JsonIgnore]
    public bool Runs => Kind == ConvergeVerdictKind.Run;
}

/// <summary>Values of <see cref="ConvergeVerdict.Kind"/>.</summary>
public static class ConvergeVerdictKind
{
    public const string Run = "run";
    public const string Converged = "converged";
    public const string Skip = "skip";
    public const string Wait = "wait";
    public const string Approval = "approval";
    public const string AlreadyFinished = "already_finished";
}
