using BkMonitor.Runtime;

namespace BkMonitor.UnitTests.Streams;

/// <summary>Collects what subscribers received, in arrival order; tests wait on its contents, never on time.</summary>
public sealed class StreamEventSink
{
    private static readonly TimeSpan WaitLimit = TimeSpan.FromSeconds(15);
    private readonly List<ReceivedEvent> _events = [];
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public IReadOnlyList<ReceivedEvent> Events
    {
        get
        {
            lock (_events)
            {
                return [.. _events];
            }
        }
    }

    public IReadOnlyList<ReceivedEvent> Of(string subscriber) => [.. Events.Where(e => e.Subscriber == subscriber)];

    public void Add(ReceivedEvent received)
    {
        TaskCompletionSource changed;
        lock (_events)
        {
            _events.Add(received);
            changed = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
        changed.TrySetResult();
    }

    /// <summary>Waits until <paramref name="subscriber"/> has received <paramref name="item"/>.</summary>
    public Task WaitForAsync(string subscriber, object item) => WaitUntilAsync(es => es.Any(e => e.Subscriber == subscriber && Equals(e.Item, item)), $"{subscriber} to receive {item}");

    public Task WaitForCountAsync(int count) => WaitUntilAsync(es => es.Count >= count, $"{count} events");

    public async Task WaitUntilAsync(Func<IReadOnlyList<ReceivedEvent>, bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + WaitLimit;
        while (true)
        {
            Task changed;
            lock (_events)
            {
                if (condition(_events))
                {
                    return;
                }
                changed = _changed.Task;
            }
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero)
            {
                throw new TimeoutException($"Waited {WaitLimit.TotalSeconds} s for {what}; received {Events.Count} events.");
            }
            await Task.WhenAny(changed, Task.Delay(left));
        }
    }
}

/// <summary>One event as a subscriber saw it; <see cref="GrainContext"/> is the activation whose turn delivered it (null for a client).</summary>
public sealed record ReceivedEvent(string Subscriber, StreamId StreamId, object? Item, StreamSequenceToken? Token, IGrainContext? GrainContext);

/// <summary>An observer that writes into the sink under a subscriber name.</summary>
public sealed class SinkObserver<T>(StreamEventSink sink, string subscriber, StreamId streamId) : IAsyncObserver<T>
{
    public Task OnNextAsync(T item, StreamSequenceToken? token = null)
    {
        sink.Add(new ReceivedEvent(subscriber, streamId, item, token, BkMonitor.Runtime.Streams.CurrentGrainContext.Current));
        return Task.CompletedTask;
    }
}
