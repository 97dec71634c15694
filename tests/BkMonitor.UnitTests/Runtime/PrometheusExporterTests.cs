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

    [Fact]
    public void A_label_given_by_the_meter_and_by_the_measurement_is_written_once_with_the_measurement_value()
    {
        var prefix = $"BkMonitor.ExporterTest{Guid.NewGuid():N}";
        using var meter = new Meter(new MeterOptions(prefix) { Tags = [new("provider", "Default"), new("silo", "s1")] });
        var produced = meter.CreateCounter<long>("bkmonitor.test.produced");
        using var exporter = new PrometheusExporter(prefix);

        produced.Add(3, new KeyValuePair<string, object?>("provider", "Default"), new KeyValuePair<string, object?>("namespace", "alert_event"));
        produced.Add(1, new KeyValuePair<string, object?>("provider", "Other"));

        var lines = exporter.Render().Split('\n');
        Assert.Contains("bkmonitor_test_produced_total{namespace=\"alert_event\",provider=\"Default\",silo=\"s1\"} 3", lines);
        Assert.Contains("bkmonitor_test_produced_total{provider=\"Other\",silo=\"s1\"} 1", lines);
    }

    [Fact]
    public void Label_names_are_made_valid_and_a_histograms_le_tag_does_not_clash_with_its_buckets()
    {
        var prefix = $"BkMonitor.ExporterTest{Guid.NewGuid():N}";
        using var meter = new Meter(prefix);
        var size = meter.CreateHistogram("bkmonitor.test.size", "By", advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [10] });
        using var exporter = new PrometheusExporter(prefix);

        size.Record(5, new KeyValuePair<string, object?>("le", "x"), new KeyValuePair<string, object?>("9.lives", "y"));

        Assert.Contains("bkmonitor_test_size_bytes_bucket{_9_lives=\"y\",exported_le=\"x\",le=\"10\"} 1\n", exporter.Render(), StringComparison.Ordinal);
    }

    [Fact]
    public void Millisecond_histograms_without_advice_get_millisecond_buckets()
    {
        var prefix = $"BkMonitor.ExporterTest{Guid.NewGuid():N}";
        using var meter = new Meter(prefix);
        var lag = meter.CreateHistogram<double>("bkmonitor.test.lag", "ms");
        var duration = meter.CreateHistogram<double>("bkmonitor.test.duration", "s");
        using var exporter = new PrometheusExporter(prefix);

        lag.Record(40);
        duration.Record(0.04);

        var text = exporter.Render();
        string[] ms = ["1", "2", "5", "10", "25", "50", "100", "250", "500", "1000", "2500", "5000", "10000", "+Inf"];
        Assert.Equal(ms, BucketBounds(text, "bkmonitor_test_lag_milliseconds"));
        Assert.Contains("bkmonitor_test_lag_milliseconds_bucket{le=\"25\"} 0\n", text, StringComparison.Ordinal);
        Assert.Contains("bkmonitor_test_lag_milliseconds_bucket{le=\"50\"} 1\n", text, StringComparison.Ordinal);
        Assert.Equal("0.005", BucketBounds(text, "bkmonitor_test_duration_seconds")[0]);
    }

    private static string[] BucketBounds(string exposition, string family) => exposition.Split('\n')
        .Where(l => l.StartsWith(family + "_bucket{", StringComparison.Ordinal))
        .Select(l => l[(l.IndexOf("le=\"", StringComparison.Ordinal) + 4)..l.IndexOf("\"}", StringComparison.Ordinal)])
        .ToArray();
}
