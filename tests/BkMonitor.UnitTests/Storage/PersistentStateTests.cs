using System.Runtime.Serialization;
using BkMonitor.Runtime;
using BkMonitor.Runtime.Hosting;
using BkMonitor.Runtime.Sqlite.Storage;
using BkMonitor.Runtime.Storage;
using BkMonitor.UnitTests.Streams;
using Microsoft.Extensions.DependencyInjection;

namespace BkMonitor.UnitTests.Storage;

public sealed class PersistentStateTests
{
    private static readonly GrainId Grain = new("persistentgrain", "k1");

    [Fact]
    public async Task Write_read_and_clear_go_through_the_named_storage()
    {
        var silo = new TestSiloBuilder();
        silo.AddMemoryGrainStorage().AddMemoryGrainStorage("archive");
        using var services = silo.Build();
        var factory = services.GetRequiredService<IPersistentStateFactory>();
        var context = new TestGrainContext(Grain);

        var state = factory.Create<CounterState>(context, "counter", "archive");
        state.State.Count = 5;
        await state.WriteStateAsync();

        var archived = factory.Create<CounterState>(context, "counter", "archive");
        await archived.ReadStateAsync();
        Assert.Equal(5, archived.State.Count);
        Assert.Equal(state.ETag, archived.ETag);

        var inDefault = factory.Create<CounterState>(context, "counter", null);
        await inDefault.ReadStateAsync();
        Assert.False(inDefault.RecordExists);
    }

    [Fact]
    public async Task Clear_resets_state_to_a_new_instance()
    {
        var state = new PersistentState<CounterState>("counter", Grain, new MemoryGrainStorage("m", new JsonGrainStateSerializer()));
        state.State.Items.Add("x");
        await state.WriteStateAsync();
        var before = state.State;

        await state.ClearStateAsync();

        Assert.NotSame(before, state.State);
        Assert.Empty(state.State.Items);
        Assert.Null(state.ETag);
        Assert.False(state.RecordExists);
    }

    [Fact]
    public async Task Read_after_another_writer_cleared_the_record_resets_state()
    {
        var storage = new MemoryGrainStorage("m", new JsonGrainStateSerializer());
        var mine = new PersistentState<CounterState>("counter", Grain, storage);
        mine.State.Count = 3;
        await mine.WriteStateAsync();
        var theirs = new PersistentState<CounterState>("counter", Grain, storage);
        await theirs.ReadStateAsync();
        await theirs.ClearStateAsync();

        await mine.ReadStateAsync();

        Assert.Equal(0, mine.State.Count);
        Assert.False(mine.RecordExists);
    }

    [Fact]
    public async Task Stale_write_through_persistent_state_throws_InconsistentStateException()
    {
        var storage = new MemoryGrainStorage("m", new JsonGrainStateSerializer());
        var first = new PersistentState<CounterState>("counter", Grain, storage);
        var second = new PersistentState<CounterState>("counter", Grain, storage);
        await first.ReadStateAsync();
        await second.ReadStateAsync();
        await first.WriteStateAsync();

        var ex = await Assert.ThrowsAsync<InconsistentStateException>(second.WriteStateAsync);
        Assert.Contains("'counter'", ex.Message);
        Assert.Contains("'m'", ex.Message);
    }

    [Fact]
    public void Unknown_storage_name_lists_the_configured_providers()
    {
        var silo = new TestSiloBuilder();
        silo.AddMemoryGrainStorage().AddMemoryGrainStorage("archive");
        using var services = silo.Build();
        var factory = services.GetRequiredService<IPersistentStateFactory>();

        var ex = Assert.Throws<InvalidOperationException>(() => factory.Create<CounterState>(new TestGrainContext(Grain), "counter", "redis"));

        Assert.Contains("'redis'", ex.Message);
        Assert.Contains("'Default' (memory)", ex.Message);
        Assert.Contains("'archive' (memory)", ex.Message);
        Assert.Contains(Grain.ToString(), ex.Message);
    }

    [Fact]
    public void Null_storage_name_uses_the_default_provider()
    {
        var silo = new TestSiloBuilder();
        silo.AddMemoryGrainStorage("archive");
        using var services = silo.Build();
        var factory = services.GetRequiredService<IPersistentStateFactory>();

        var ex = Assert.Throws<InvalidOperationException>(() => factory.Create<CounterState>(new TestGrainContext(Grain), "counter", null));
        Assert.Contains("'Default'", ex.Message);
    }

    [Fact]
    public void Providers_register_the_factory_and_serializer_once_and_a_custom_serializer_wins()
    {
        var silo = new TestSiloBuilder();
        var custom = new JsonGrainStateSerializer();
        silo.Services.AddSingleton<IGrainStateSerializer>(custom);
        silo.AddMemoryGrainStorage().AddSqliteGrainStorage("sqlite", Path.Combine(Path.GetTempPath(), "unused.db"));
        using var services = silo.Build();

        Assert.Single(services.GetServices<IPersistentStateFactory>());
        Assert.Same(custom, Assert.Single(services.GetServices<IGrainStateSerializer>()));
        Assert.IsType<SqliteGrainStorage>(services.GetRequiredKeyedService<IGrainStorage>("sqlite"));
        Assert.Equal(2, services.GetServices<IHealthReporter>().Count());
        Assert.Single(services.GetServices<ISiloLifecycleParticipant>());
    }

    [Fact]
    public void Shared_memory_storage_instance_is_used_by_every_silo()
    {
        var shared = new MemoryGrainStorage(ProviderNames.DefaultStorage, new JsonGrainStateSerializer());
        var a = new TestSiloBuilder();
        var b = new TestSiloBuilder();
        a.AddMemoryGrainStorage(ProviderNames.DefaultStorage, shared);
        b.AddMemoryGrainStorage(ProviderNames.DefaultStorage, shared);
        using var sa = a.Build();
        using var sb = b.Build();
        Assert.Same(sa.GetRequiredKeyedService<IGrainStorage>(ProviderNames.DefaultStorage), sb.GetRequiredKeyedService<IGrainStorage>(ProviderNames.DefaultStorage));
    }

    [Fact]
    public void Serializer_uses_web_defaults_and_names_the_type_on_bad_data()
    {
        var serializer = new JsonGrainStateSerializer();
        Assert.Equal("""{"count":2,"label":"","items":[]}""", System.Text.Encoding.UTF8.GetString(serializer.Serialize(new CounterState { Count = 2 })));

        var ex = Assert.Throws<SerializationException>(() => serializer.Deserialize<CounterState>("[1,2]"u8));
        Assert.Contains(typeof(CounterState).FullName!, ex.Message);
    }

    [Fact]
    public void Serializer_reports_a_state_type_it_cannot_write()
    {
        var ex = Assert.Throws<SerializationException>(() => new JsonGrainStateSerializer().Serialize(new UnwritableState()));
        Assert.Contains(nameof(UnwritableState), ex.Message);
    }

    public sealed class UnwritableState
    {
        public IntPtr Handle { get; set; } = 1;
    }
}
