using System.Diagnostics.Metrics;
using BkMonitor.Runtime.Diagnostics;

namespace BkMonitor.UnitTests.Runtime;

public sealed class PrometheusExporterTests
{
    [Fact]
    public void A_gauge_whose_callback_throws_loses_only_its_own_sample()
    {
        var prefix = $"BkMonitor.ExporterTest{Guid.NewGuid():N}";
        using var meter = new Meter(prefix);
        meter.CreateObservableGauge<int>("bkmonitor.test.broken", (Func<int>)(() => throw new InvalidOperationException("broken gauge")));
        meter.CreateObservableGauge<int>("bkmonitor.test.healthy", () => 7);
        using var exporter = new PrometheusExporter(prefix);

        var text = exporter.Render();

        Assert.Contains("bkmonitor_test_healthy 7", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\nbkmonitor_test_broken ", text, StringComparison.Ordinal);
    }
}
