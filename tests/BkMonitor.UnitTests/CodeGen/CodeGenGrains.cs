using System.Globalization;
using BkMonitor.Runtime;

namespace BkMonitor.UnitTests.CodeGen;

// Grain classes the generator registers in this test assembly; they record what they receive so tests can assert on it.

public sealed class CodeGenEchoGrain : Grain, ICodeGenEchoGrain, Nested.ICodeGenEchoGrain
{
    public int Count { get; private set; }

    public List<string> Notifications { get; } = [];

    public Task<long> Add(long a, int b) => Task.FromResult(a + b);

    public Task<string?> Describe(string? prefix, CancellationToken cancellationToken = default)
        => Task.FromResult(prefix is null ? null : $"{prefix}:{this.GetPrimaryKeyString()}:{cancellationToken.CanBeCanceled}");

    public Task<string> Echo(string text) => Task.FromResult($"echo:{text}:{this.GetPrimaryKeyString()}");

    Task<string> Nested.ICodeGenEchoGrain.Echo(string text) => Task.FromResult($"nested:{text}");

    public async Task Fail(string message)
    {
        await Task.Yield();
        throw new InvalidOperationException(message);
    }

    public ValueTask<int> GetCount() => new(Count);

    public Task<string> Keywords(string @event, int @class, params string[] @params) => Task.FromResult($"{@event}|{@class}|{string.Join(",", @params)}");

    public Task Notify(string message)
    {
        Notifications.Add(message);
        return Task.CompletedTask;
    }

    public ValueTask NotifyValue(int code)
    {
        Notifications.Add(code.ToString(CultureInfo.InvariantCulture));
        return ValueTask.CompletedTask;
    }

    public Task<string> Overload(int value) => Task.FromResult("int:" + value.ToString(CultureInfo.InvariantCulture));

    public Task<string> Overload(string value) => Task.FromResult("string:" + value);

    public Task Ping()
    {
        Count++;
        return Task.CompletedTask;
    }

    public Task<int> Sum(int a, int b = 10) => Task.FromResult(a + b);

    // Completes asynchronously so the generated adapters take their awaiting path.
    public async ValueTask Touch(int times)
    {
        await Task.Yield();
        Count += times;
    }

    public async ValueTask<long?> Lookup(long? key)
    {
        await Task.Yield();
        return key * 2;
    }
}

public sealed class CodeGenCounterState
{
    public long Value { get; set; }
}

public interface ICodeGenClock
{
    long Now { get; }
}

public interface ICodeGenAudit
{
    void Record(string entry);
}

[GrainType("codegen-counter")]
[Reentrant]
[SiloRole("compute")]
[ImplicitStreamSubscription("codegen-a")]
[ImplicitStreamSubscription("codegen-b")]
public sealed class CodeGenCounterGrain(
    [PersistentState("counter", "codegen-store")] IPersistentState<CodeGenCounterState> counter,
    ICodeGenClock clock,
    IGrainFactory grainFactory,
    IGrainContext context,
    ICodeGenAudit? audit) : Grain, ICodeGenCounterGrain
{
    public IPersistentState<CodeGenCounterState> Counter { get; } = counter;

    public ICodeGenClock Clock { get; } = clock;

    public IGrainFactory InjectedFactory { get; } = grainFactory;

    public IGrainContext InjectedContext { get; } = context;

    public ICodeGenAudit? Audit { get; } = audit;

    public List<(string Name, TickStatus Status)> Ticks { get; } = [];

    public Task<long> Increment(long by)
    {
        Counter.State.Value += by;
        Audit?.Record($"increment {by} at {Clock.Now}");
        return Task.FromResult(Counter.State.Value);
    }

    public Task<long> Get() => Task.FromResult(Counter.State.Value + this.GetPrimaryKeyLong());

    public Task ReceiveReminder(string reminderName, TickStatus status)
    {
        Ticks.Add((reminderName, status));
        return Task.CompletedTask;
    }
}

/// <summary>Abstract: never registered itself, but its interfaces count for the classes deriving from it.</summary>
public abstract class CodeGenGrainBase : Grain, ICodeGenDerivedGrain
{
    public abstract Task<string> Name();

    public Task<string> Extra() => Task.FromResult("extra:" + GetType().Name);
}

[StatelessWorker]
public sealed class CodeGenWorkerGrain : CodeGenGrainBase
{
    public override Task<string> Name() => Task.FromResult("worker");
}

[StatelessWorker(4)]
internal sealed class CodeGenInternalGrain : Grain, ICodeGenInternalGrain
{
    public Task<int> Secret() => Task.FromResult(42);
}

public sealed class CodeGenNestedGrain : Grain, CodeGenContainer.ICodeGenNestedGrain
{
    public Task<int> Depth() => Task.FromResult(2);
}
