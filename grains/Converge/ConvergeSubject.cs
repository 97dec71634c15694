using BkMonitor.GrainInterfaces.Actions;

namespace BkMonitor.Grains.Converge;

/// <summary>The action instance being converged.</summary>
internal sealed record ConvergeSubject
{
    public const int DefaultTimeoutSeconds = 600;

    public required long Id { get; init; }

    /// <summary>Epoch seconds; the converge window is centred on it.</summary>
    public required long CreateTime { get; init; }

    public string Status { get; init; } = ActionStatus.Received;

    public required string PluginType { get; init; }

    /// <summary>A notice's parent action (the per-relation action that fans out to receivers) never converges.</summary>
    public bool IsParentAction { get; init; }

    public required ConvergeContext Context { get; init; }

    /// <summary>The action's execute timeout: a sleeping action older than this is skipped.</summary>
    public int TimeoutSeconds { get; init; } = DefaultTimeoutSeconds;
}
