using BkMonitor.Runtime;

namespace BkMonitor.GrainInterfaces.Alerts;

/// <summary>The cluster-wide alert id sequence (key 0): hands out blocks so silos number alerts without a call each.</summary>
public interface IAlertSequenceGrain : IGrainWithIntegerKey
{
    public const long GlobalKey = 0;

    /// <summary>Reserves <paramref name="size"/> numbers; returns the first (the block is [first, first + size)).</summary>
    Task<long> NextBlockAsync(int size);
}
