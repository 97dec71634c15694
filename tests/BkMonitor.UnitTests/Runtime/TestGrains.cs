using System.Runtime.CompilerServices;
using BkMonitor.Runtime;
using BkMonitor.Runtime.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace BkMonitor.UnitTests.Runtime;

[GrainType("rt-lifecycle")]
public sealed class LifecycleGrain : Grain, ILifecycleGrain
{
    private readonly GrainProbe _probe;

    public LifecycleGrain()
    {
        _probe = GrainProbe.For(this.GetPrimaryKeyString());
        _probe.Record("ctor");
    }

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _probe.Record("activate");
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _probe.Record("deactivate:" + reason.ReasonCode);
        return Task.CompletedTask;
    }

    public Task<string> Ping()
    {
        _probe.Record("ping");
        return Task.FromResult("pong");
    }

    public Task Deactivate()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }

    public Task DelayCollection(TimeSpan delay)
    {
        DelayDeactivation(delay);
        return Task.CompletedTask;
    }

    public Task<string> WhereAmI() => Task.FromResult(ServiceProvider.GetRequiredService<Silo>().Name);

    public Task Throw(string message) => throw new InvalidOperationException(message);

    public Task<string> CallOther(string key) => GrainFactory.GetGrain<ILifecycleGrain>(key).Ping();
}

/// <summary>Counting logic shared by the non-reentrant and the reentrant counter; the probe key is the grain id.</summary>
public abstract class CountingGrainBase : Grain
{
    private readonly GrainProbe _probe;
    private int _count;

    protected CountingGrainBase()
    {
        _probe = GrainProbe.For(GrainId.ToString());
    }

    public async Task<int> Touch()
    {
        _probe.EnterRequest();
        _probe.EnterTurn();
        var before = _count;
        _probe.ExitTurn();
        await Task.Yield();
        _probe.EnterTurn();
        _count = before + 1; // lost updates if another request ran between the two turns
        var result = _count;
        _probe.ExitTurn();
        _probe.ExitRequest();
        return result;
    }

    public async Task<int> Gather(int expected)
    {
        _probe.EnterTurn();
        var n = _probe.EnterRequest();
        if (n >= expected)
        {
            _probe.Gate.TrySetResult();
        }
        _probe.ExitTurn();
        await _probe.Gate.Task;
        _probe.EnterTurn();
        _probe.ExitRequest();
        _probe.ExitTurn();
        return n;
    }
}

[GrainType("rt-counter")]
public sealed class CounterGrain : CountingGrainBase, ICounterGrain;

[Reentrant]
[GrainType("rt-reentrant-counter")]
public sealed class ReentrantCounterGrain : CountingGrainBase, IReentrantCounterGrain;

[GrainType("rt-blocking")]
public sealed class BlockingGrain : Grain, IBlockingGrain
{
    private readonly GrainProbe _probe;

    public BlockingGrain()
    {
        _probe = GrainProbe.For(this.GetPrimaryKeyString());
    }

    public async Task Block()
    {
        _probe.Record("block-start");
        await _probe.Gate.Task;
        _probe.Record("block-end");
    }

    public Task<int> Peek()
    {
        _probe.Record("peek");
        return Task.FromResult(_probe.Events.Count);
    }

    public Task Normal()
    {
        _probe.Record("normal");
        return Task.CompletedTask;
    }

    public async Task Read()
    {
        _probe.Record("read-start");
        await _probe.Gate.Task;
        _probe.Record("read-end");
    }

    public Task Hang() => _probe.Never.Task;

    public async Task CallSelf()
    {
        var inner = GrainFactory.GetGrain<IBlockingGrain>(this.GetPrimaryKeyString()).Normal();
        _probe.Record("inner-sent"); // the inner call is tracked for timeout once Normal() returned its task
        await inner;
    }
}

[GrainType("rt-timer")]
public sealed class TimerGrain : Grain, ITimerGrain
{
    private readonly GrainProbe _probe;
    private IGrainTimer? _timer;
    private int _ticks;

    public TimerGrain()
    {
        _probe = GrainProbe.For(this.GetPrimaryKeyString());
    }

    public Task StartTimer(TimeSpan dueTime, TimeSpan period)
    {
        _timer = RegisterGrainTimer(
            _ =>
            {
                _probe.EnterTurn();
                _ticks++;
                _probe.Record("tick");
                _probe.ExitTurn();
                return Task.CompletedTask;
            },
            dueTime,
            period);
        return Task.CompletedTask;
    }

    public Task<int> Ticks() => Task.FromResult(_ticks);

    public async Task Block()
    {
        _probe.Record("block-start");
        await _probe.Gate.Task;
    }

    public Task StopTimer()
    {
        _timer?.Dispose();
        return Task.CompletedTask;
    }

    public Task Deactivate()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _probe.Record("deactivate");
        return Task.CompletedTask;
    }
}

[SiloRole("alarm")]
[GrainType("rt-role")]
public sealed class RoleGrain : Grain, IRoleGrain
{
    public Task<string> WhereAmI() => Task.FromResult(ServiceProvider.GetRequiredService<Silo>().Name);
}

[SiloRole("nowhere")]
[GrainType("rt-nowhere")]
public sealed class NowhereGrain : Grain, INowhereGrain
{
    public Task<string> WhereAmI() => Task.FromResult(ServiceProvider.GetRequiredService<Silo>().Name);
}

[GrainType("rt-failing")]
public sealed class FailingGrain : Grain, IFailingGrain
{
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        GrainProbe.For(this.GetPrimaryKeyString()).Record("activate-attempt");
        throw new InvalidOperationException($"activation of {GrainId} refused");
    }

    public Task<string> Ping() => Task.FromResult("unreachable");
}

[StatelessWorker(2)]
[GrainType("rt-worker")]
public sealed class WorkerGrain : Grain, IWorkerGrain
{
    public async Task<int> Hold()
    {
        var probe = GrainProbe.For("worker-" + this.GetPrimaryKeyLong());
        probe.Record("hold:" + RuntimeHelpers.GetHashCode(this));
        await probe.Gate.Task;
        return RuntimeHelpers.GetHashCode(this);
    }
}

public sealed class StatefulCounter
{
    public int Value { get; set; }
}

[GrainType("rt-stateful")]
public sealed class StatefulGrain(IPersistentState<StatefulCounter> state) : Grain, IStatefulGrain
{
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        GrainProbe.For(this.GetPrimaryKeyString()).Record($"activate:{state.State.Value}");
        return Task.CompletedTask;
    }

    public Task<int> Value() => Task.FromResult(state.State.Value);
}
