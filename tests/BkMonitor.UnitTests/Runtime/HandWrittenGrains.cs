using BkMonitor.Runtime;

namespace BkMonitor.UnitTests.Runtime;

// Stand-ins for what the code generator emits (proxies, requests, descriptors) until it is merged;
// the integrator replaces this file with the generated code.

internal sealed class HandWrittenRequest<TGrain, TResult>(
    string interfaceName, string methodName, InvokeMethodOptions options, Func<TGrain, ValueTask<TResult>> invoke) : GrainRequest<TResult>
{
    public override string InterfaceName => interfaceName;

    public override string MethodName => methodName;

    public override int MethodId => 0;

    public override InvokeMethodOptions Options => options;

    public override int ArgumentCount => 0;

    public override object? GetArgument(int index) => throw new ArgumentOutOfRangeException(nameof(index));

    public override void SetArgument(int index, object? value) => throw new ArgumentOutOfRangeException(nameof(index));

    public override Type GetArgumentType(int index) => throw new ArgumentOutOfRangeException(nameof(index));

    public override ValueTask<TResult> InvokeAsync(object target) => invoke((TGrain)target);
}

internal abstract class HandWrittenProxy<TGrain>(IGrainCallRuntime runtime, GrainId grainId) : GrainReference(runtime, grainId)
{
    public override string InterfaceName => typeof(TGrain).FullName!;

    protected Task<T> Call<T>(string method, Func<TGrain, Task<T>> invoke, InvokeMethodOptions options = InvokeMethodOptions.None)
        => InvokeAsync(new HandWrittenRequest<TGrain, T>(InterfaceName, method, options, g => new ValueTask<T>(invoke(g)))).AsTask();

    protected Task Call(string method, Func<TGrain, Task> invoke, InvokeMethodOptions options = InvokeMethodOptions.None)
        => InvokeAsync(new HandWrittenRequest<TGrain, VoidResult>(InterfaceName, method, options, async g =>
        {
            await invoke(g);
            return default;
        })).AsTask();
}

internal sealed class LifecycleGrainProxy(IGrainCallRuntime r, GrainId id) : HandWrittenProxy<ILifecycleGrain>(r, id), ILifecycleGrain
{
    public Task<string> Ping() => Call(nameof(Ping), g => g.Ping());

    public Task Deactivate() => Call(nameof(Deactivate), g => g.Deactivate());

    public Task DelayCollection(TimeSpan delay) => Call(nameof(DelayCollection), g => g.DelayCollection(delay));

    public Task<string> WhereAmI() => Call(nameof(WhereAmI), g => g.WhereAmI());

    public Task Throw(string message) => Call(nameof(Throw), g => g.Throw(message));

    public Task<string> CallOther(string key) => Call(nameof(CallOther), g => g.CallOther(key));
}

internal sealed class CounterGrainProxy(IGrainCallRuntime r, GrainId id) : HandWrittenProxy<ICounterGrain>(r, id), ICounterGrain
{
    public Task<int> Touch() => Call(nameof(Touch), g => g.Touch());

    public Task<int> Gather(int expected) => Call(nameof(Gather), g => g.Gather(expected));
}

internal sealed class ReentrantCounterGrainProxy(IGrainCallRuntime r, GrainId id) : HandWrittenProxy<IReentrantCounterGrain>(r, id), IReentrantCounterGrain
{
    public Task<int> Touch() => Call(nameof(Touch), g => g.Touch());

    public Task<int> Gather(int expected) => Call(nameof(Gather), g => g.Gather(expected));
}

internal sealed class BlockingGrainProxy(IGrainCallRuntime r, GrainId id) : HandWrittenProxy<IBlockingGrain>(r, id), IBlockingGrain
{
    public Task Block() => Call(nameof(Block), g => g.Block());

    public Task<int> Peek() => Call(nameof(Peek), g => g.Peek(), InvokeMethodOptions.AlwaysInterleave);

    public Task Normal() => Call(nameof(Normal), g => g.Normal());

    public Task Read() => Call(nameof(Read), g => g.Read(), InvokeMethodOptions.ReadOnly);

    public Task Hang() => Call(nameof(Hang), g => g.Hang());

    public Task CallSelf() => Call(nameof(CallSelf), g => g.CallSelf());
}

internal sealed class TimerGrainProxy(IGrainCallRuntime r, GrainId id) : HandWrittenProxy<ITimerGrain>(r, id), ITimerGrain
{
    public Task StartTimer(TimeSpan dueTime, TimeSpan period) => Call(nameof(StartTimer), g => g.StartTimer(dueTime, period));

    public Task<int> Ticks() => Call(nameof(Ticks), g => g.Ticks());

    public Task Block() => Call(nameof(Block), g => g.Block());

    public Task StopTimer() => Call(nameof(StopTimer), g => g.StopTimer());

    public Task Deactivate() => Call(nameof(Deactivate), g => g.Deactivate());
}

internal sealed class RoleGrainProxy(IGrainCallRuntime r, GrainId id) : HandWrittenProxy<IRoleGrain>(r, id), IRoleGrain
{
    public Task<string> WhereAmI() => Call(nameof(WhereAmI), g => g.WhereAmI());
}

internal sealed class NowhereGrainProxy(IGrainCallRuntime r, GrainId id) : HandWrittenProxy<INowhereGrain>(r, id), INowhereGrain
{
    public Task<string> WhereAmI() => Call(nameof(WhereAmI), g => g.WhereAmI());
}

internal sealed class FailingGrainProxy(IGrainCallRuntime r, GrainId id) : HandWrittenProxy<IFailingGrain>(r, id), IFailingGrain
{
    public Task<string> Ping() => Call(nameof(Ping), g => g.Ping());
}

internal sealed class WorkerGrainProxy(IGrainCallRuntime r, GrainId id) : HandWrittenProxy<IWorkerGrain>(r, id), IWorkerGrain
{
    public Task<int> Hold() => Call(nameof(Hold), g => g.Hold());
}

internal sealed class StatefulGrainProxy(IGrainCallRuntime r, GrainId id) : HandWrittenProxy<IStatefulGrain>(r, id), IStatefulGrain
{
    public Task<int> Value() => Call(nameof(Value), g => g.Value());
}

internal static class HandWrittenGrains
{
    private static int _registered;

    public static void Register()
    {
        if (Interlocked.Exchange(ref _registered, 1) != 0)
        {
            return;
        }
        Add<ILifecycleGrain, LifecycleGrain>("rt-lifecycle", (r, id) => new LifecycleGrainProxy(r, id), (_, _) => new LifecycleGrain());
        Add<ICounterGrain, CounterGrain>("rt-counter", (r, id) => new CounterGrainProxy(r, id), (_, _) => new CounterGrain());
        Add<IReentrantCounterGrain, ReentrantCounterGrain>("rt-reentrant-counter", (r, id) => new ReentrantCounterGrainProxy(r, id), (_, _) => new ReentrantCounterGrain(), reentrant: true);
        Add<IBlockingGrain, BlockingGrain>("rt-blocking", (r, id) => new BlockingGrainProxy(r, id), (_, _) => new BlockingGrain());
        Add<ITimerGrain, TimerGrain>("rt-timer", (r, id) => new TimerGrainProxy(r, id), (_, _) => new TimerGrain());
        Add<IRoleGrain, RoleGrain>("rt-role", (r, id) => new RoleGrainProxy(r, id), (_, _) => new RoleGrain(), role: "alarm");
        Add<INowhereGrain, NowhereGrain>("rt-nowhere", (r, id) => new NowhereGrainProxy(r, id), (_, _) => new NowhereGrain(), role: "nowhere");
        Add<IFailingGrain, FailingGrain>("rt-failing", (r, id) => new FailingGrainProxy(r, id), (_, _) => new FailingGrain());
        Add<IWorkerGrain, WorkerGrain>("rt-worker", (r, id) => new WorkerGrainProxy(r, id), (_, _) => new WorkerGrain(), maxLocal: 2);
        Add<IStatefulGrain, StatefulGrain>("rt-stateful", (r, id) => new StatefulGrainProxy(r, id),
            (context, _) => new StatefulGrain(context.CreatePersistentState<StatefulCounter>("counter", null)));
    }

    private static void Add<TInterface, TClass>(
        string grainType, GrainProxyFactory proxy, GrainActivator activator, bool reentrant = false, int maxLocal = 0, string? role = null)
    {
        GrainTypeRegistry.RegisterInterface(new GrainInterfaceDescriptor(typeof(TInterface), typeof(TInterface).FullName!, proxy, _ => throw new NotSupportedException()));
        GrainTypeRegistry.RegisterClass(new GrainClassDescriptor(typeof(TClass), grainType, [typeof(TInterface)], activator, reentrant, maxLocal, [], role));
    }
}
