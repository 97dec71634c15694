using BkMonitor.Grains.Access;
using BkMonitor.Grains.TimeSeries;

namespace BkMonitor.Grains.Hosting;

/// <summary>What the pipeline grains share on a silo: the built-in store, the Prometheus source, options and counters.</summary>
internal sealed class PipelineServices : IDisposable
{
    private readonly HttpClient? _prometheusHttp;
    private readonly PrometheusTimeSeriesSource? _prometheus;

    public PipelineServices(PipelineOptions options, TimeSeriesStore store, PipelineCounters counters)
    {
        Options = options;
        Store = store;
        Counters = counters;
        var limits = options.IngestLimits;
        IngestParser = new CustomReportParser(limits.MaxPast > options.Retention ? limits with { MaxPast = options.Retention } : limits);
        if (options.PrometheusUrl is { } url)
        {
            var baseUrl = url.AbsoluteUri.EndsWith('/') ? url : new Uri(url.AbsoluteUri + "/");
            _prometheusHttp = new HttpClient { BaseAddress = baseUrl, Timeout = options.PrometheusTimeout };
            _prometheus = new PrometheusTimeSeriesSource(_prometheusHttp);
        }
    }

    public PipelineOptions Options { get; }

    public TimeSeriesStore Store { get; }

    public PipelineCounters Counters { get; }

    public CustomReportParser IngestParser { get; }

    public bool HasPrometheus => _prometheus is not null;

    public ITimeSeriesSource SourceFor(ItemSourceKind kind) => kind switch
    {
        ItemSourceKind.BuiltIn => Store,
        ItemSourceKind.Prometheus => _prometheus ?? throw new InvalidOperationException(
            $"A strategy reads from Prometheus but no Prometheus URL is configured ({PipelineOptions.SectionName}:PrometheusUrl)."),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "The item has no readable source."),
    };

    public void Dispose() => _prometheusHttp?.Dispose();
}
