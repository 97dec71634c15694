using System.Text.Json.Nodes;
using BkMonitor.GrainInterfaces.Metadata;
using BkMonitor.Grains.Hosting;
using BkMonitor.PipelineTests.Hosting;
using BkMonitor.Runtime;
using BkMonitor.Runtime.Hosting;
using BkMonitor.Runtime.Reminders;
using BkMonitor.Runtime.Storage;
using BkMonitor.Runtime.Testing;

namespace BkMonitor.PipelineTests.Metadata;

/// <summary>The singleton allocator on three silos: unique ids under load, never reused after its silo dies, and a clear error at the end of the range.</summary>
public sealed class DataIdAllocatorTests(DataIdAllocatorTests.ThreeSilos host) : IClassFixture<DataIdAllocatorTests.ThreeSilos>
{
    private const int UserFirst = 1_500_000;
    private const int UserLast = 2_097_151;

    public sealed class ThreeSilos : PipelineHost
    {
        protected override int Silos => 3;
    }

    private static readonly GrainId AllocatorId = new("dataidallocator", IDataIdAllocatorGrain.GlobalKey);

    private static CreateDataSourceRequest Request(int n) => new()
    {
        BkBizId = 2, DataName = $"allocator load {n}", EtlConfig = "bk_standard_v2_time_series", DataTypeLabel = "time_series",
    };

    [Fact]
    public async Task Ten_thousand_concurrent_allocations_from_three_silos_are_unique_in_range_and_never_reused_after_a_kill()
    {
        var silos = host.Cluster.Silos;
        var first = await Task.WhenAll(Enumerable.Range(0, 10_000).Select(n =>
            silos[n % silos.Count].GrainFactory.GetGrain<IDataIdAllocatorGrain>(IDataIdAllocatorGrain.GlobalKey).AllocateAsync(Request(n))));

        var ids = first.Select(a => a.BkDataId ?? throw new InvalidOperationException(a.Exhausted ?? "no id")).ToList();
        Assert.Equal(10_000, ids.Distinct().Count());
        Assert.All(ids, id => Assert.InRange(id, UserFirst, UserLast));

        var owner = host.Cluster.FindActivationSilo(AllocatorId);
        Assert.NotNull(owner);
        await host.Cluster.KillSiloAsync(owner);

        var survivors = host.Cluster.ActiveSilos;
        var second = await Task.WhenAll(Enumerable.Range(0, 1_000).Select(n =>
            survivors[n % survivors.Count].GrainFactory.GetGrain<IDataIdAllocatorGrain>(IDataIdAllocatorGrain.GlobalKey).AllocateAsync(Request(n))));
        var after = second.Select(a => a.BkDataId!.Value).ToList();
        Assert.Equal(1_000, after.Distinct().Count());
        Assert.Empty(after.Intersect(ids));
        Assert.True(after.Min() > ids.Max(), "the new activation continues after the persisted cursor");
        Assert.NotEqual(owner, host.Cluster.FindActivationSilo(AllocatorId));
    }
}

/// <summary>A fresh cluster whose stored allocator cursor sits at the last user id.</summary>
public sealed class DataIdExhaustionTests : PipelineHost, IAsyncLifetime
{
    async Task IAsyncLifetime.InitializeAsync()
    {
        // Stored as the allocator persists it, before any activation reads it.
        await Storage.WriteStateAsync("dataid", new GrainId("dataidallocator", IDataIdAllocatorGrain.GlobalKey),
            new GrainState<JsonObject>(new JsonObject { ["next_data_id"] = 2_097_151 }));
        await InitializeAsync();
    }

    [Fact]
    public async Task The_last_user_id_is_handed_out_then_creation_fails_with_a_conflict_problem()
    {
        var (dataId, _, table) = await CreateDataSourceAsync();
        Assert.Equal((2_097_151, "2_bkmonitor_time_series_2097151.__default__"), (dataId, table));

        using var response = await Http.PostAsync("/api/v1/data_sources", JsonContent(
            """{"bk_biz_id": 2, "data_name": "one too many", "etl_config": "bk_standard_v2_time_series", "data_type_label": "time_series"}"""));
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await ReadJsonAsync(response, 409);
        Assert.Contains("exhausted", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("1500000..2097151", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }
}

/// <summary>The allocator's cursor outlives the whole cluster: a cluster restarted on the same storage continues above it.</summary>
public sealed class DataIdAllocatorRestartTests
{
    private readonly MemoryGrainStorage _storage = new(ProviderNames.DefaultStorage, new JsonGrainStateSerializer());

    [Fact]
    public async Task A_restarted_cluster_never_hands_out_an_id_of_the_previous_run()
    {
        List<int> first;
        await using (var cluster = await StartAsync())
        {
            first = await AllocateAsync(cluster, 2_000);
        }
        await using var restarted = await StartAsync();
        var second = await AllocateAsync(restarted, 2_000);

        Assert.Equal(2_000, first.Distinct().Count());
        Assert.Equal(2_000, second.Distinct().Count());
        Assert.True(second.Min() > first.Max(), $"restart continued at {second.Min()}, the previous run reached {first.Max()}");
    }

    private Task<TestCluster> StartAsync() => TestCluster.StartAsync(options =>
    {
        options.InitialSilosCount = 2;
        options.TimeProvider = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(PipelineHost.T0));
        options.ConfigureSilo = silo => silo.AddMemoryGrainStorage(ProviderNames.DefaultStorage, _storage)
            .UseInMemoryReminderService(new InMemoryReminderTable())
            .AddMemoryStreams(ProviderNames.DefaultStreams)
            .AddBkMonitorGrains();
    });

    private static async Task<List<int>> AllocateAsync(TestCluster cluster, int count)
    {
        var silos = cluster.Silos;
        var allocations = await Task.WhenAll(Enumerable.Range(0, count).Select(n => silos[n % silos.Count].GrainFactory
            .GetGrain<IDataIdAllocatorGrain>(IDataIdAllocatorGrain.GlobalKey)
            .AllocateAsync(new CreateDataSourceRequest { BkBizId = 2, DataName = $"restart {n}", EtlConfig = "bk_standard_v2_time_series", DataTypeLabel = "time_series" })));
        return [.. allocations.Select(a => a.BkDataId ?? throw new InvalidOperationException(a.Exhausted ?? "no id"))];
    }
}
