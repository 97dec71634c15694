using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text;

namespace BkMonitor.Runtime.Diagnostics;

/// <summary>How a family aggregates and how Prometheus types it.</summary>
internal enum MetricKind : byte
{
    /// <summary>Monotonic sum of measurements.</summary>
    Counter,
    /// <summary>Cumulative value reported by an observable counter (last value wins).</summary>
    ObservedCounter,
    /// <summary>Up-down sum.</summary>
    SumGauge,
    /// <summary>Last observed value.</summary>
    LastGauge,
    Histogram,
}

/// <summary>One Prometheus metric family: its series by label set, rendered with HELP and TYPE lines.</summary>
internal sealed class MetricFamily
{
    private static readonly double[] DefaultBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    // For instruments whose unit is "ms": 1 ms .. 10 s, in milliseconds (the seconds defaults would put most observations in +Inf).
    private static readonly double[] DefaultMillisecondBuckets = [1, 2, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000];

    private readonly ConcurrentDictionary<string, MetricSeries> _series = new(StringComparer.Ordinal);
    private readonly string _help;

    public MetricFamily(string name, MetricKind kind, Instrument instrument)
    {
        Name = name;
        Kind = kind;
        _help = string.IsNullOrEmpty(instrument.Description) ? instrument.Name : instrument.Description;
        Buckets = kind == MetricKind.Histogram ? BucketsOf(instrument) : [];
    }

    public string Name { get; }

    public MetricKind Kind { get; }

    public double[] Buckets { get; }

    public MetricSeries Series(string labels) => _series.GetOrAdd(labels, static (_, buckets) => new MetricSeries(buckets.Length), Buckets);

    public void Write(TextWriter writer)
    {
        writer.Write("# HELP ");
        writer.Write(Name);
        writer.Write(' ');
        writer.Write(_help.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal));
        writer.Write('\n');
        writer.Write("# TYPE ");
        writer.Write(Name);
        writer.Write(Kind switch
        {
            MetricKind.Counter or MetricKind.ObservedCounter => " counter\n",
            MetricKind.Histogram => " histogram\n",
            _ => " gauge\n",
        });
        var labelSets = _series.Keys.ToArray();
        Array.Sort(labelSets, StringComparer.Ordinal);
        foreach (var labels in labelSets)
        {
            _series[labels].Write(writer, this, labels);
        }
    }

    public static MetricKind? KindOf(Instrument instrument)
    {
        if (!instrument.GetType().IsGenericType)
        {
            return null;
        }
        var definition = instrument.GetType().GetGenericTypeDefinition();
        if (definition == typeof(Counter<>))
        {
            return MetricKind.Counter;
        }
        if (definition == typeof(ObservableCounter<>))
        {
            return MetricKind.ObservedCounter;
        }
        if (definition == typeof(UpDownCounter<>))
        {
            return MetricKind.SumGauge;
        }
        if (definition == typeof(Histogram<>))
        {
            return MetricKind.Histogram;
        }
        if (definition == typeof(ObservableGauge<>) || definition == typeof(ObservableUpDownCounter<>) || definition == typeof(Gauge<>))
        {
            return MetricKind.LastGauge;
        }
        return null;
    }

    public static string PrometheusName(Instrument instrument, MetricKind kind)
    {
        var name = new StringBuilder(instrument.Name.Length + 16);
        foreach (var c in instrument.Name)
        {
            name.Append(char.IsAsciiLetterOrDigit(c) || c is '_' or ':' ? c : '_');
        }
        if (name.Length == 0 || char.IsAsciiDigit(name[0]))
        {
            name.Insert(0, '_');
        }
        var unit = instrument.Unit switch
        {
            "s" => "_seconds",
            "ms" => "_milliseconds",
            "By" => "_bytes",
            "1" => "_ratio",
            _ => null,
        };
        if (unit is not null && !name.ToString().EndsWith(unit, StringComparison.Ordinal))
        {
            name.Append(unit);
        }
        if (kind is MetricKind.Counter or MetricKind.ObservedCounter && !name.ToString().EndsWith("_total", StringComparison.Ordinal))
        {
            name.Append("_total");
        }
        return name.ToString();
    }

    public static string FormatValue(double value) => value switch
    {
        double.PositiveInfinity => "+Inf",
        double.NegativeInfinity => "-Inf",
        _ when double.IsNaN(value) => "NaN",
        _ => value.ToString(CultureInfo.InvariantCulture),
    };

    private static double[] BucketsOf(Instrument instrument)
    {
        var advice = instrument switch
        {
            Histogram<double> h => h.Advice?.HistogramBucketBoundaries,
            _ => null,
        };
        if (advice is null && instrument is Histogram<long> hl && hl.Advice?.HistogramBucketBoundaries is { } longBuckets)
        {
            return longBuckets.Select(b => (double)b).ToArray();
        }
        return advice?.ToArray() ?? (instrument.Unit == "ms" ? DefaultMillisecondBuckets : DefaultBuckets);
    }
}
