using BkMonitor.Grains.Alerts;
using BkMonitor.IntegrationTests.Fixtures;
using BkMonitor.Silo.Alerts;

namespace BkMonitor.IntegrationTests.Alerts;

/// <summary>The cluster's alert index on a real PostgreSQL server; each test gets its own schema.</summary>
public sealed class PostgresAlertIndexTests(PostgresServerFixture postgres)
    : AlertIndexConformanceTests, IClassFixture<PostgresServerFixture>, IAsyncLifetime
{
    private readonly string _schema = $"alerts_{Guid.NewGuid():N}"[..20];
    private readonly List<PostgresAlertIndex> _opened = [];

    protected override async Task<IAlertIndex> OpenAsync()
    {
        var index = new PostgresAlertIndex(postgres.ConnectionString, _schema);
        _opened.Add(index);
        await index.InitAsync(CancellationToken.None);
        return index;
    }

    protected override Task<IAlertIndex> ReopenAsync() => OpenAsync();

    [Fact]
    public async Task Silos_creating_the_schema_at_once_do_not_collide()
    {
        var indexes = Enumerable.Range(0, 4).Select(_ => new PostgresAlertIndex(postgres.ConnectionString, _schema)).ToList();
        _opened.AddRange(indexes);
        await Task.WhenAll(indexes.Select(i => i.InitAsync(CancellationToken.None)));
        await indexes[0].UpsertAsync([AlertSnapshots.Alert(1_700_000_000, 1)], CancellationToken.None);
        Assert.NotNull(await indexes[3].GetAsync("17000000001", CancellationToken.None));
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var index in _opened) await index.DisposeAsync();
    }
}
