using BkMonitor.Runtime;

namespace BkMonitor.Benchmarks.Grains;

/// <summary>The smallest useful grain call: a request with an argument and a result.</summary>
public interface IPingGrain : IGrainWithIntegerKey
{
    ValueTask<int> Ping(int value);
}

public sealed class PingGrain : Grain, IPingGrain
{
    private int _total;

    public ValueTask<int> Ping(int value) => ValueTask.FromResult(_total += value);
}
