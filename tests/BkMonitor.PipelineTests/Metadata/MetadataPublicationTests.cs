using System.Text.Json;
using BkMonitor.GrainInterfaces.TimeSeries;
using BkMonitor.Grains.Metadata;
using BkMonitor.PipelineTests.Hosting;
using BkMonitor.Runtime.Hosting;
using Microsoft.Extensions.DependencyInjection;
using static BkMonitor.PipelineTests.Hosting.PipelineHost;

namespace BkMonitor.PipelineTests.Metadata;

/// <summary>
/// Data source changes reach every silo's cache before the change returns: ingest on either of two silos (each
/// authorising from its own cached copy) rejects a rotated token and a disabled data source at once.
/// </summary>
public sealed class MetadataPublicationTests(MetadataPublicationTests.TwoSilos host) : IClassFixture<MetadataPublicationTests.TwoSilos>
{
    public sealed class TwoSilos : PipelineHost
    {
        protected override int Silos => 2;
    }

    [Fact]
    public async Task A_rotated_token_is_rejected_by_ingest_on_every_silo_immediately()
    {
        var (dataId, oldToken, _) = await host.CreateDataSourceAsync();
        foreach (var silo in host.Cluster.Silos)
        {
            Assert.Equal(IngestStatus.Accepted, (await PushThroughAsync(silo, dataId, oldToken)).Status);
            Assert.True(silo.Services.GetRequiredService<DataSourceCache>().Contains(dataId), $"{silo.Name} authorised from its cache");
        }

        var rotated = await ReadJsonAsync(await host.Http.PostAsync($"/api/v1/data_sources/{dataId}/token", null), 200);
        var newToken = rotated["access_token"]!.GetValue<string>();

        foreach (var silo in host.Cluster.Silos)
        {
            Assert.False(silo.Services.GetRequiredService<DataSourceCache>().Contains(dataId), $"{silo.Name} dropped its copy");
            Assert.Equal(IngestStatus.Unauthorized, (await PushThroughAsync(silo, dataId, oldToken)).Status);
            Assert.Equal(IngestStatus.Accepted, (await PushThroughAsync(silo, dataId, newToken)).Status);
        }
    }

    [Fact]
    public async Task Disabling_a_data_source_stops_ingest_on_every_silo_and_enabling_resumes_it()
    {
        var (dataId, token, _) = await host.CreateDataSourceAsync();
        foreach (var silo in host.Cluster.Silos) Assert.Equal(IngestStatus.Accepted, (await PushThroughAsync(silo, dataId, token)).Status);

        await ReadJsonAsync(await host.Http.PatchAsync($"/api/v1/data_sources/{dataId}", JsonContent("""{"is_enabled": false}""")), 200);
        foreach (var silo in host.Cluster.Silos) Assert.Equal(IngestStatus.Disabled, (await PushThroughAsync(silo, dataId, token)).Status);

        await ReadJsonAsync(await host.Http.PatchAsync($"/api/v1/data_sources/{dataId}", JsonContent("""{"is_enabled": true}""")), 200);
        foreach (var silo in host.Cluster.Silos) Assert.Equal(IngestStatus.Accepted, (await PushThroughAsync(silo, dataId, token)).Status);
    }

    // The ingest grain is a stateless worker: called through a silo's own factory it runs, and reads its cache, there.
    private Task<IngestResult> PushThroughAsync(Silo silo, int dataId, string token)
    {
        using var body = JsonDocument.Parse(Report(dataId, token, [("h1", host.Now - 30, 1.5)]));
        return silo.GrainFactory.GetGrain<IIngestGrain>(0).PushAsync(body.RootElement.Clone());
    }
}
