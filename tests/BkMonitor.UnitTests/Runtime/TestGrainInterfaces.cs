using BkMonitor.Runtime;

namespace BkMonitor.UnitTests.Runtime;

public interface ILifecycleGrain : IGrainWithStringKey
{
    Task<string> Ping();

    Task Deactivate();

    Task DelayCollection(TimeSpan delay);

    Task<string> WhereAmI();

    Task Throw(string message);

    Task<string> CallOther(string key);
}

public interface ICounterGrain : IGrainWithIntegerKey
{
    /// <summary>Two turns around an await; counts with a plain field so parallel turns would lose updates.</summary>
    Task<int> Touch();

    /// <summary>Waits until <paramref name="expected"/> requests are in progress at once (only possible when they interleave).</summary>
    Task<int> Gather(int expected);
}

public interface IReentrantCounterGrain : IGrainWithIntegerKey
{
    Task<int> Touch();

    Task<int> Gather(int expected);
}

public interface IBlockingGrain : IGrainWithStringKey
{
    Task Block();

    [AlwaysInterleave]
    Task<int> Peek();

    Task Normal();

    [ReadOnly]
    Task Read();

    Task Hang();

    Task CallSelf();
}

public interface ITimerGrain : IGrainWithStringKey
{
    Task StartTimer(TimeSpan dueTime, TimeSpan period);

    Task<int> Ticks();

    Task Block();

    Task StopTimer();

    Task Deactivate();
}

public interface IRoleGrain : IGrainWithStringKey
{
    Task<string> WhereAmI();
}

public interface INowhereGrain : IGrainWithStringKey
{
    Task<string> WhereAmI();
}

public interface IFailingGrain : IGrainWithStringKey
{
    Task<string> Ping();
}

public interface IWorkerGrain : IGrainWithIntegerKey
{
    Task<int> Hold();
}

public interface IStatefulGrain : IGrainWithStringKey
{
    Task<int> Value();
}

/// <summary>Never registered: GetGrain must fail clearly.</summary>
public interface IUnregisteredGrain : IGrainWithStringKey
{
    Task Ping();
}
