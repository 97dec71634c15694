using BkMonitor.GrainInterfaces.Alerts;
using BkMonitor.Runtime;

namespace BkMonitor.Grains.Alerts;

/// <summary>
/// A silo's prefetched block of alert sequence numbers: alert grains take one number per command that may open
/// an alert and give back what they did not use; the block refills from <see cref="IAlertSequenceGrain"/>.
/// </summary>
internal sealed class AlertIdBlocks
{
    public const int BlockSize = 100;

    private readonly Lock _gate = new();
    private readonly Stack<long> _returned = new();
    private readonly SemaphoreSlim _refill = new(1, 1);
    private long _next;
    private long _end;

    public async ValueTask<ReservedAlertId> ReserveAsync(IGrainFactory grains)
    {
        if (TryTake(out var id)) return new ReservedAlertId(this, id);
        await _refill.WaitAsync();
        try
        {
            if (!TryTake(out id))
            {
                var first = await grains.GetGrain<IAlertSequenceGrain>(IAlertSequenceGrain.GlobalKey).NextBlockAsync(BlockSize);
                lock (_gate)
                {
                    _next = first + 1;
                    _end = first + BlockSize;
                }
                id = first;
            }
        }
        finally
        {
            _refill.Release();
        }
        return new ReservedAlertId(this, id);
    }

    public void Return(long id)
    {
        lock (_gate) _returned.Push(id);
    }

    private bool TryTake(out long id)
    {
        lock (_gate)
        {
            if (_returned.TryPop(out id)) return true;
            if (_next < _end)
            {
                id = _next++;
                return true;
            }
        }
        id = 0;
        return false;
    }
}

/// <summary>One reserved number as the state machine's sequence; an unused reservation goes back on dispose.</summary>
internal sealed class ReservedAlertId(AlertIdBlocks blocks, long id) : IAlertIdSequence, IDisposable
{
    private bool _used;

    public long Next()
    {
        if (_used) throw new InvalidOperationException("one command opens at most one alert; only one id was reserved");
        _used = true;
        return id;
    }

    public void Dispose()
    {
        if (_used) return;
        _used = true;
        blocks.Return(id);
    }
}
