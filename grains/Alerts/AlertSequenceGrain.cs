using BkMonitor.GrainInterfaces.Alerts;
using BkMonitor.Runtime;

namespace BkMonitor.Grains.Alerts;

/// <summary>
/// The cluster-wide alert sequence: the next free number is persisted before a block is handed out, so a
/// restart never hands out a number twice (numbers of blocks a dead silo held are simply skipped).
/// </summary>
internal sealed class AlertSequenceGrain : Grain, IAlertSequenceGrain
{
    public const int MaxBlock = 10_000;

    private readonly IPersistentState<AlertSequenceState> _state;

    public AlertSequenceGrain([PersistentState("alert_sequence")] IPersistentState<AlertSequenceState> state) => _state = state;

    public async Task<long> NextBlockAsync(int size)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(size);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(size, MaxBlock);
        var first = _state.State.Next;
        _state.State.Next = first + size;
        await _state.WriteStateAsync();
        return first;
    }
}

/// <summary>The next number the alert sequence hands out; bk-monitor's sequence starts at 1.</summary>
public sealed class AlertSequenceState
{
    public long Next { get; set; } = 1;
}
