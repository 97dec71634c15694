using System.Diagnostics.Metrics;
using BkMonitor.Runtime;
using BkMonitor.Runtime.Hosting;
using BkMonitor.Runtime.Streams;
using BkMonitor.UnitTests.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace BkMonitor.UnitTests.Streams;

public sealed class MemoryStreamProviderTests : StreamProviderConformanceTests
{
    private readonly List<MeterListener> _listeners = [];

    private MemoryStreamProvider Memory => (MemoryStreamProvider)Provider;

    protected override Task<IStreamProvider> CreateProviderAsync(StreamProviderTestContext context)
        => Task.FromResult<IStreamProvider>(Create(context, new MemoryStreamOptions { RetryDelay = TimeSpan.Zero, QueueCapacity = 4 }));

    protected override async Task StopProviderAsync(IStreamProvider provider)
    {
        await ((MemoryStreamProvider)provider).StopAsync(CancellationToken.None);
        ((MemoryStreamProvider)provider).Dispose();
        _listeners.ForEach(l => l.Dispose());
    }

    [Fact]
    public async Task A_full_queue_makes_the_producer_wait_until_a_delivery_completes()
    {
        var (stream, streamId) = ClientStream("pressure");
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await stream.SubscribeAsync(new GatedObserver(release.Task, Sink, streamId));
        for (var i = 0; i < 4; i++)
        {
            await stream.OnNextAsync(i);
        }

        var fifth = stream.OnNextAsync(4);

        Assert.False(fifth.IsCompleted);
        Assert.Equal(4, Memory.PendingEvents);
        release.SetResult();
        await fifth;
        await Sink.WaitForAsync("gated", 4);
        Assert.Equal(Enumerable.Range(0, 5).Cast<object>(), Sink.Of("gated").Select(e => e.Item));
    }

    [Fact]
    public async Task A_failing_observer_is_retried_and_then_skipped_so_later_events_still_flow()
    {
        var (stream, streamId) = ClientStream("retry");
        var observer = new FlakyObserver(Sink, streamId, failuresFor: new() { [1] = 2, [2] = int.MaxValue });
        await stream.SubscribeAsync(observer);
        var failed = Measure(StreamInstruments.Failed);

        await stream.OnNextBatchAsync([1, 2, 3]);
        await Sink.WaitForAsync("flaky", 3);

        Assert.Equal(new object[] { 1, 3 }, Sink.Of("flaky").Select(e => e.Item));
        Assert.Equal(3, observer.Attempts(1));
        Assert.Equal(3, observer.Attempts(2));
        Assert.Equal(1, observer.Attempts(3));
        Assert.Equal(1, failed());
    }

    [Fact]
    public async Task Idle_keys_leave_no_queue_behind_and_metrics_count_every_event()
    {
        var produced = Measure(StreamInstruments.Produced);
        var delivered = Measure(StreamInstruments.Delivered);
        for (var k = 0; k < 20; k++)
        {
            await Stream(StreamTestNames.ImplicitNamespace, $"idle-{k}").OnNextBatchAsync([1, 2]);
        }
        await Sink.WaitForCountAsync(40);
        await Memory.WhenIdleAsync();

        Assert.Equal(0, Memory.QueueCount);
        Assert.Equal(0, Memory.PendingEvents);
        Assert.Equal(40, produced());
        Assert.Equal(40, delivered());
    }

    [Fact]
    public async Task Events_of_a_batch_share_a_sequence_number_and_count_up_the_index()
    {
        var stream = Stream(StreamTestNames.ImplicitNamespace, "tokens");
        await stream.OnNextAsync(0);
        await stream.OnNextBatchAsync([1, 2, 3]);
        await Sink.WaitForAsync("implicit:tokens", 3);

        var tokens = Sink.Of("implicit:tokens").Select(e => e.Token!).ToArray();
        Assert.True(tokens[1].SequenceNumber > tokens[0].SequenceNumber);
        Assert.Equal([tokens[1].SequenceNumber, tokens[1].SequenceNumber, tokens[1].SequenceNumber], tokens[1..].Select(t => t.SequenceNumber));
        Assert.Equal([0, 1, 2], tokens[1..].Select(t => t.EventIndex));
    }

    [Fact]
    public async Task Stop_waits_until_queued_events_are_delivered()
    {
        var (stream, streamId) = ClientStream("drain");
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await stream.SubscribeAsync(new GatedObserver(release.Task, Sink, streamId));
        await stream.OnNextAsync(1);
        await stream.OnNextAsync(2);

        var stop = Memory.StopAsync(CancellationToken.None);
        Assert.False(stop.IsCompleted);
        release.SetResult();
        await stop;

        Assert.Equal(2, Sink.Of("gated").Count);
    }

    [Fact]
    public void An_empty_stream_id_is_rejected()
        => Assert.Throws<ArgumentException>(() => Provider.GetStream<int>(default));

    [Fact]
    public void Hosting_registers_a_keyed_provider_that_is_a_lifecycle_participant_and_reports_health()
    {
        var silo = new TestSiloBuilder();
        silo.Services.AddSingleton(Grains);
        silo.AddMemoryStreams().AddMemoryStreams("alarm", o => o.QueueCapacity = 8);
        using var services = silo.Build();

        var provider = services.GetRequiredKeyedService<IStreamProvider>(ProviderNames.DefaultStreams);
        Assert.Equal(ProviderNames.DefaultStreams, provider.Name);
        Assert.Equal("alarm", services.GetRequiredKeyedService<IStreamProvider>("alarm").Name);
        Assert.Equal(2, services.GetServices<ISiloLifecycleParticipant>().Count(p => p.Stage == SiloStages.Streams));
        Assert.Equal(2, services.GetServices<IHealthReporter>().Count());
    }

    [Fact]
    public void Providers_get_their_own_meter_from_the_hosts_meter_factory()
    {
        var silo = new TestSiloBuilder();
        silo.Services.AddMetrics().AddSingleton(Grains);
        silo.AddMemoryStreams().AddMemoryStreams("alarm");
        using var services = silo.Build();

        var first = services.GetRequiredKeyedService<MemoryStreamProvider>(ProviderNames.DefaultStreams).Instruments.Meter;
        var second = services.GetRequiredKeyedService<MemoryStreamProvider>("alarm").Instruments.Meter;
        Assert.NotSame(first, second);
        Assert.Equal(StreamInstruments.MeterName, first.Name);
    }

    [Fact]
    public void Invalid_options_are_rejected_with_the_option_name()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new TestSiloBuilder().AddMemoryStreams("bad", o => o.QueueCapacity = 0));
        Assert.Equal(nameof(MemoryStreamOptions.QueueCapacity), ex.ParamName);
    }

    private static MemoryStreamProvider Create(StreamProviderTestContext context, MemoryStreamOptions options)
        => new(context.Name, options, new StreamSubscriptionRegistry(), () => context.CallRuntime, context.Time, NullLogger<MemoryStreamProvider>.Instance);

    private (IAsyncStream<int> Stream, StreamId Id) ClientStream(string key)
    {
        var id = StreamId.Create(StreamTestNames.ExplicitNamespace, key);
        return (Provider.GetStream<int>(id), id);
    }

    // Sums one instrument of this test's provider; the listener lives as long as the test.
    private Func<long> Measure(string instrumentName)
    {
        long total = 0;
        var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (ReferenceEquals(instrument.Meter, Memory.Instruments.Meter) && instrument.Name == instrumentName)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref total, value));
        listener.Start();
        _listeners.Add(listener);
        return () => Interlocked.Read(ref total);
    }

    private sealed class GatedObserver(Task gate, StreamEventSink sink, StreamId streamId) : IAsyncObserver<int>
    {
        public async Task OnNextAsync(int item, StreamSequenceToken? token = null)
        {
            await gate;
            sink.Add(new ReceivedEvent("gated", streamId, item, token, null));
        }
    }

    private sealed class FlakyObserver(StreamEventSink sink, StreamId streamId, Dictionary<int, int> failuresFor) : IAsyncObserver<int>
    {
        private readonly Dictionary<int, int> _attempts = [];

        public int Attempts(int item)
        {
            lock (_attempts)
            {
                return _attempts.GetValueOrDefault(item);
            }
        }

        public Task OnNextAsync(int item, StreamSequenceToken? token = null)
        {
            int attempt;
            lock (_attempts)
            {
                attempt = _attempts[item] = _attempts.GetValueOrDefault(item) + 1;
            }
            if (attempt <= failuresFor.GetValueOrDefault(item))
            {
                throw new InvalidOperationException($"observer failed on {item}");
            }
            sink.Add(new ReceivedEvent("flaky", streamId, item, token, null));
            return Task.CompletedTask;
        }
    }
}
