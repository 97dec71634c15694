using BkMonitor.Runtime;
using BkMonitor.Runtime.Hosting;
using BkMonitor.Runtime.Reminders;
using BkMonitor.Runtime.Storage;
using BkMonitor.Runtime.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace BkMonitor.UnitTests.Generated;

/// <summary>The runtime end to end through generated proxies, requests and activators only (no hand-written stand-ins).</summary>
public sealed class GeneratedGrainTests : IAsyncLifetime
{
    private readonly GeneratedTickSignal _signal = new();
    private readonly MemoryGrainStorage _storage = new(ProviderNames.DefaultStorage, new JsonGrainStateSerializer());
    private readonly InMemoryReminderTable _reminders = new();
    private TestCluster _cluster = null!;

    public async Task InitializeAsync()
    {
        _cluster = await TestCluster.StartAsync(o =>
        {
            o.InitialSilosCount = 2;
            o.ConfigureSilo = silo =>
            {
                silo.AddMemoryGrainStorage(ProviderNames.DefaultStorage, _storage);
                silo.UseInMemoryReminderService(_reminders);
                silo.AddMemoryStreams();
                silo.Services.AddSingleton(_signal);
            };
        });
    }

    [Fact]
    public async Task Generated_proxy_carries_arguments_and_state_survives_the_grain_moving()
    {
        var grain = _cluster.GrainFactory.GetGrain<IGeneratedCounterGrain>("a");
        Assert.Equal(5, await grain.AddAsync(5));
        Assert.Equal(7, await grain.AddAsync(2));

        var host = _cluster.FindActivationSilo(grain.GetGrainId())!;
        await _cluster.KillSiloAsync(host);

        Assert.Equal(7, await grain.GetAsync());
        Assert.NotEqual(host, _cluster.FindActivationSilo(grain.GetGrainId()));
    }

    [Fact]
    public async Task Reminder_registered_through_the_grain_ticks_on_the_fake_clock()
    {
        var grain = _cluster.GrainFactory.GetGrain<IGeneratedCounterGrain>("r");
        await grain.StartTickingAsync(TimeSpan.FromSeconds(10));
        // One advance per period, each awaited: a tick due while the previous one is still being delivered is
        // merged into it by design (a slow grain never gets overlapping ticks).
        for (var tick = 1; tick <= 3; tick++)
        {
            var ticked = _signal.WhenTicked("r", tick);
            _cluster.FakeTime.Advance(TimeSpan.FromSeconds(10));
            await ticked.WaitAsync(TimeSpan.FromSeconds(30));
        }
    }

    [Fact]
    public async Task Implicit_subscription_delivers_in_order_to_the_grain_with_the_stream_key()
    {
        var provider = _cluster.Silos[0].Services.GetRequiredKeyedService<IStreamProvider>(ProviderNames.DefaultStreams);
        var stream = provider.GetStream<string>(StreamId.Create(GeneratedCounterGrain.Namespace, "s"));
        var last = _signal.WhenSeen("s", "e9");
        for (var i = 0; i < 10; i++) await stream.OnNextAsync($"e{i}");
        await last.WaitAsync(TimeSpan.FromSeconds(30));
        var seen = await _cluster.GrainFactory.GetGrain<IGeneratedCounterGrain>("s").SeenAsync();
        Assert.Equal(Enumerable.Range(0, 10).Select(i => $"e{i}"), seen);
    }

    public async Task DisposeAsync() => await _cluster.DisposeAsync();
}
