using BkMonitor.Grains.TimeSeries;

namespace BkMonitor.Grains.Hosting;

/// <summary>Settings of the alarm pipeline grains (configuration section <c>BkMonitor:Pipeline</c>).</summary>
public sealed class PipelineOptions
{
    public const string SectionName = "BkMonitor:Pipeline";

    /// <summary>How long the built-in store keeps points; pushes older than this are refused.</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(8);

    /// <summary>How often points past the retention are dropped from the built-in store.</summary>
    public TimeSpan CompactionInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Base URL of a Prometheus-compatible query API for items with <c>data_source_label: prometheus</c>.</summary>
    public Uri? PrometheusUrl { get; set; }

    public TimeSpan PrometheusTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The business time zone <c>trigger_config.uptime</c> time ranges are read in.</summary>
    public TimeZoneInfo TimeZone { get; set; } = TimeZoneInfo.Utc;

    /// <summary>Limits of <c>POST /v2/push/</c>; its MaxPast is capped to <see cref="Retention"/>.</summary>
    public CustomReportLimits IngestLimits { get; set; } = new();

    /// <summary>A store shared by every silo of an in-process cluster (tests, benchmarks); null creates one per silo.</summary>
    public TimeSeriesStore? Store { get; set; }

    public void Validate()
    {
        if (Retention <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(Retention), Retention, $"{SectionName}:Retention must be positive.");
        if (CompactionInterval <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(CompactionInterval), CompactionInterval, $"{SectionName}:CompactionInterval must be positive.");
        }
        if (PrometheusUrl is { IsAbsoluteUri: false })
        {
            throw new ArgumentException($"{SectionName}:PrometheusUrl must be an absolute URL, got '{PrometheusUrl}'.", nameof(PrometheusUrl));
        }
        if (IngestLimits.MaxSamples < 1) throw new ArgumentOutOfRangeException(nameof(IngestLimits), IngestLimits.MaxSamples, "IngestLimits.MaxSamples must be positive.");
    }
}
