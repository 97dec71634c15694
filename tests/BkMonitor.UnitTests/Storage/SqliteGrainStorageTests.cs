using BkMonitor.Runtime;
using BkMonitor.Runtime.Hosting;
using BkMonitor.Runtime.Sqlite.Storage;
using BkMonitor.Runtime.Storage;
using Microsoft.Data.Sqlite;

namespace BkMonitor.UnitTests.Storage;

public sealed class SqliteGrainStorageTests : GrainStorageConformanceTests
{
    private readonly TempDatabaseFolder _folder = new("storage");

    private string DatabasePath => _folder.File(Path.Combine("nested", "state.db"));

    protected override async Task<IGrainStorage> CreateStorageAsync()
    {
        var storage = Open();
        await storage.StartAsync(CancellationToken.None);
        return storage;
    }

    public override Task DisposeAsync()
    {
        _folder.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task State_survives_reopening_the_file_with_its_etag()
    {
        var grain = NewGrainId();
        var state = new GrainState<CounterState>(new CounterState { Count = 42, Label = "durable" });
        await Storage.WriteStateAsync("counter", grain, state);
        SqliteConnection.ClearAllPools();

        var reopened = Open();
        var read = new GrainState<CounterState>(new CounterState());
        await reopened.ReadStateAsync("counter", grain, read);
        Assert.Equal(42, read.State.Count);
        Assert.Equal("durable", read.State.Label);
        Assert.Equal(state.ETag, read.ETag);

        read.State.Count = 43;
        await reopened.WriteStateAsync("counter", grain, read);
        await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.WriteStateAsync("counter", grain, state));
    }

    [Fact]
    public async Task Start_creates_the_folder_and_the_file_in_wal_mode()
    {
        Assert.True(File.Exists(DatabasePath));
        await using var connection = new SqliteConnection($"Data Source={DatabasePath}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode;";
        Assert.Equal("wal", (string?)await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task Health_reports_records_and_file_size()
    {
        await Storage.WriteStateAsync("counter", NewGrainId(), new GrainState<CounterState>(new CounterState()));
        var report = await ((SqliteGrainStorage)Storage).CheckAsync(CancellationToken.None);
        Assert.Equal(HealthReport.Ok, report.Status);
        Assert.Equal("storage:sqlite", report.Namespace);
        Assert.Contains(report.Metrics, m => m.Name == "records" && m.Value == 1);
        Assert.Contains(report.Metrics, m => m.Name == "file_size" && m.Value > 0);
    }

    [Fact]
    public async Task A_foreign_etag_is_a_conflict_not_a_crash()
    {
        var grain = NewGrainId();
        await Storage.WriteStateAsync("counter", grain, new GrainState<CounterState>(new CounterState()));
        var foreign = new GrainState<CounterState>(new CounterState()) { ETag = "W/\"abc\"" };
        await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.WriteStateAsync("counter", grain, foreign));
        await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.ClearStateAsync("counter", grain, foreign));
    }

    private SqliteGrainStorage Open() => new("sqlite", DatabasePath, new JsonGrainStateSerializer());
}
