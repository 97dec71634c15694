using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Text;

namespace BkMonitor.Runtime.Diagnostics;

/// <summary>
/// Listens to System.Diagnostics.Metrics meters whose name starts with one of the given prefixes and renders
/// them in the Prometheus text exposition format (what the silo host serves on <c>/metrics</c>). Instrument
/// names map OpenTelemetry style: dots become underscores, a unit suffix is added (<c>s</c> → <c>_seconds</c>),
/// counters end in <c>_total</c>; meter tags (the silo) and measurement tags become labels.
/// </summary>
public sealed class PrometheusExporter : IDisposable
{
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    private readonly string[] _meterPrefixes;
    private readonly MeterListener _listener;
    private readonly ConcurrentDictionary<string, MetricFamily> _families = new(StringComparer.Ordinal);

    /// <summary>Exports meters whose names start with <paramref name="meterNamePrefixes"/> (default: "BkMonitor").</summary>
    public PrometheusExporter(params string[] meterNamePrefixes)
    {
        _meterPrefixes = meterNamePrefixes.Length == 0 ? ["BkMonitor"] : meterNamePrefixes;
        _listener = new MeterListener { InstrumentPublished = OnInstrumentPublished };
        // A meter disposed while a scrape observes it reports with no state: that measurement is skipped.
        _listener.SetMeasurementEventCallback<long>(static (_, value, tags, state) => (state as MetricBinding)?.Record(value, tags));
        _listener.SetMeasurementEventCallback<int>(static (_, value, tags, state) => (state as MetricBinding)?.Record(value, tags));
        _listener.SetMeasurementEventCallback<double>(static (_, value, tags, state) => (state as MetricBinding)?.Record(value, tags));
        _listener.SetMeasurementEventCallback<float>(static (_, value, tags, state) => (state as MetricBinding)?.Record(value, tags));
        _listener.Start();
    }

    /// <summary>Writes every exported metric family, sorted by name.</summary>
    public void Write(TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        try
        {
            _listener.RecordObservableInstruments();
        }
        catch (AggregateException)
        {
            // A gauge callback that throws loses its own sample only; every other family is still written.
        }
        var names = _families.Keys.ToArray();
        Array.Sort(names, StringComparer.Ordinal);
        foreach (var name in names)
        {
            _families[name].Write(writer);
        }
    }

    public string Render()
    {
        var writer = new StringWriter(new StringBuilder(4096), System.Globalization.CultureInfo.InvariantCulture) { NewLine = "\n" };
        Write(writer);
        return writer.ToString();
    }

    public void Dispose() => _listener.Dispose();

    private void OnInstrumentPublished(Instrument instrument, MeterListener listener)
    {
        if (!Exported(instrument.Meter.Name))
        {
            return;
        }
        var kind = MetricFamily.KindOf(instrument);
        if (kind is null)
        {
            return;
        }
        var name = MetricFamily.PrometheusName(instrument, kind.Value);
        var family = _families.GetOrAdd(name, static (n, i) => new MetricFamily(n, i.Kind, i.Instrument), (Kind: kind.Value, Instrument: instrument));
        if (family.Kind != kind.Value)
        {
            return; // two instruments claim one name with different types; keep the first
        }
        listener.EnableMeasurementEvents(instrument, new MetricBinding(family, instrument));
    }

    private bool Exported(string meterName)
    {
        foreach (var prefix in _meterPrefixes)
        {
            if (meterName.StartsWith(prefix, StringComparison.Ordinal))
            {
                return true;
            }
        }
        return false;
    }
}
