using BkMonitor.Runtime;

namespace BkMonitor.GrainInterfaces.Converge;

/// <summary>
/// Converge bookkeeping shared across alerts (key: the converge dimension key of the effective converge
/// conditions): every action instance that could converge with another one asks the same grain.
/// </summary>
public interface IConvergeGrain : IGrainWithStringKey
{
    /// <summary>Registers the instance and decides whether it runs, is skipped, waits or needs approval.</summary>
    Task<ConvergeVerdict> EvaluateAsync(ConvergeRequest request);

    /// <summary>Records the final (or latest) status of an instance; later converge functions depend on it.</summary>
    Task ReportStatusAsync(long actionId, string status);

    /// <summary>Ends collect record <paramref name="convergeId"/> and returns the instances it skipped.</summary>
    Task<IReadOnlyList<long>> TakeCollectSummaryAsync(long convergeId);
}
