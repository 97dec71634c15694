using System.Runtime.CompilerServices;
using BkMonitor.Runtime;

namespace BkMonitor.UnitTests.Generated;

/// <summary>A grain using only generated code: state, a reminder and an implicit stream subscription.</summary>
public interface IGeneratedCounterGrain : IGrainWithStringKey
{
    Task<int> AddAsync(int delta);

    Task<int> GetAsync();

    Task StartTickingAsync(TimeSpan period);

    Task<IReadOnlyList<string>> SeenAsync();
}

public sealed class GeneratedCounterState
{
    public int Total { get; set; }

    public int Ticks { get; set; }

    public List<string> Seen { get; set; } = [];
}

[ImplicitStreamSubscription(GeneratedCounterGrain.Namespace)]
public sealed class GeneratedCounterGrain(
    [PersistentState("counter")] IPersistentState<GeneratedCounterState> state,
    GeneratedTickSignal signal) : Grain, IGeneratedCounterGrain, IRemindable
{
    public const string Namespace = "generated-counter";

    public override Task OnActivateAsync(CancellationToken cancellationToken)
        => GetStreamProvider(ProviderNames.DefaultStreams)
            .GetStream<string>(StreamId.Create(Namespace, this.GetPrimaryKeyString()))
            .SubscribeAsync(async (item, _) =>
            {
                state.State.Seen.Add(item);
                await state.WriteStateAsync();
                signal.Seen(this.GetPrimaryKeyString(), item);
            });

    public async Task<int> AddAsync(int delta)
    {
        state.State.Total += delta;
        await state.WriteStateAsync();
        return state.State.Total;
    }

    public Task<int> GetAsync() => Task.FromResult(state.State.Total);

    public async Task StartTickingAsync(TimeSpan period) => await RegisterOrUpdateReminder("tick", period, period);

    public Task<IReadOnlyList<string>> SeenAsync() => Task.FromResult<IReadOnlyList<string>>(state.State.Seen);

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        state.State.Ticks++;
        await state.WriteStateAsync();
        signal.Ticked(this.GetPrimaryKeyString(), state.State.Ticks);
    }
}

/// <summary>Lets tests await grain-side events instead of polling.</summary>
public sealed class GeneratedTickSignal
{
    private readonly object _lock = new();
    private readonly List<(string Key, int Count, TaskCompletionSource Done)> _tickWaiters = [];
    private readonly List<(string Key, string Item, TaskCompletionSource Done)> _seenWaiters = [];

    public Task WhenTicked(string key, int count) => Add(_tickWaiters, (key, count, NewTcs()));

    public Task WhenSeen(string key, string item) => Add(_seenWaiters, (key, item, NewTcs()));

    public void Ticked(string key, int count) => Release(_tickWaiters, w => w.Key == key && count >= w.Count, w => w.Done);

    public void Seen(string key, string item) => Release(_seenWaiters, w => w.Key == key && w.Item == item, w => w.Done);

    private static TaskCompletionSource NewTcs() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private Task Add<T>(List<T> list, T waiter) where T : struct, ITuple
    {
        lock (_lock) list.Add(waiter);
        return ((TaskCompletionSource)waiter[2]!).Task;
    }

    private void Release<T>(List<T> list, Func<T, bool> match, Func<T, TaskCompletionSource> done)
    {
        lock (_lock)
        {
            foreach (var w in list.Where(match).ToList())
            {
                done(w).TrySetResult();
                list.Remove(w);
            }
        }
    }
}
