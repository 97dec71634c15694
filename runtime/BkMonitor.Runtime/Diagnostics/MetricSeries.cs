namespace BkMonitor.Runtime.Diagnostics;

/// <summary>The aggregated value of one label set of a metric family.</summary>
internal sealed class MetricSeries(int bucketCount)
{
    private readonly Lock _lock = new();
    private readonly long[] _bucketCounts = new long[bucketCount];
    private double _value;
    private long _count;

    public void Add(double value)
    {
        lock (_lock)
        {
            _value += value;
        }
    }

    public void Set(double value)
    {
        lock (_lock)
        {
            _value = value;
        }
    }

    public void Observe(double value, double[] buckets)
    {
        lock (_lock)
        {
            _value += value;
            _count++;
            for (var i = 0; i < buckets.Length; i++)
            {
                if (value <= buckets[i])
                {
                    _bucketCounts[i]++;
                    break;
                }
            }
        }
    }

    public void Write(TextWriter writer, MetricFamily family, string labels)
    {
        double value;
        long count;
        long[] buckets;
        lock (_lock)
        {
            value = _value;
            count = _count;
            buckets = (long[])_bucketCounts.Clone();
        }
        if (family.Kind != MetricKind.Histogram)
        {
            WriteLine(writer, family.Name, labels, null, MetricFamily.FormatValue(value));
            return;
        }
        long cumulative = 0;
        for (var i = 0; i < buckets.Length; i++)
        {
            cumulative += buckets[i];
            WriteLine(writer, family.Name + "_bucket", labels, MetricFamily.FormatValue(family.Buckets[i]), cumulative.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        WriteLine(writer, family.Name + "_bucket", labels, "+Inf", count.ToString(System.Globalization.CultureInfo.InvariantCulture));
        WriteLine(writer, family.Name + "_sum", labels, null, MetricFamily.FormatValue(value));
        WriteLine(writer, family.Name + "_count", labels, null, count.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    private static void WriteLine(TextWriter writer, string name, string labels, string? le, string value)
    {
        writer.Write(name);
        if (labels.Length > 0 || le is not null)
        {
            writer.Write('{');
            writer.Write(labels);
            if (le is not null)
            {
                if (labels.Length > 0)
                {
                    writer.Write(',');
                }
                writer.Write("le=\"");
                writer.Write(le);
                writer.Write('"');
            }
            writer.Write('}');
        }
        writer.Write(' ');
        writer.Write(value);
        writer.Write('\n');
    }
}
