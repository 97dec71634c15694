using BkMonitor.Runtime;
using BkMonitor.Runtime.Hosting;
using BkMonitor.Runtime.Storage;

namespace BkMonitor.UnitTests.Storage;

public sealed class MemoryGrainStorageTests : GrainStorageConformanceTests
{
    protected override Task<IGrainStorage> CreateStorageAsync()
        => Task.FromResult<IGrainStorage>(new MemoryGrainStorage("memory", new JsonGrainStateSerializer()));

    [Fact]
    public async Task Health_reports_ok_with_the_record_count()
    {
        await Storage.WriteStateAsync("counter", NewGrainId(), new GrainState<CounterState>(new CounterState()));
        var report = await ((MemoryGrainStorage)Storage).CheckAsync(CancellationToken.None);
        Assert.Equal(HealthReport.Ok, report.Status);
        Assert.Equal("storage:memory", report.Namespace);
        Assert.Equal(1, Assert.Single(report.Metrics).Value);
    }
}
