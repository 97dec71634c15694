using BkMonitor.Runtime.Membership;

namespace BkMonitor.Runtime.Diagnostics;

/// <summary>What the dashboard shows about the cluster: silos and activations.</summary>
public interface IClusterManagement
{
    Task<IReadOnlyList<SiloInfo>> GetSilosAsync(CancellationToken cancellationToken = default);

    /// <summary>Activation counts per grain type and silo, for the silos this process can see.</summary>
    Task<IReadOnlyList<GrainTypeActivations>> GetActivationCountsAsync(CancellationToken cancellationToken = default);
}

/// <summary>One silo; <see cref="ActivationCount"/> is null when the silo lives in another process.</summary>
public sealed record SiloInfo(SiloAddress Address, string Name, SiloStatus Status, IReadOnlyList<string> Roles, int? ActivationCount);

public sealed record GrainTypeActivations(string GrainType, SiloAddress Silo, int Count);
