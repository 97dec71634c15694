using System.Diagnostics.Metrics;
using System.Text;

namespace BkMonitor.Runtime.Diagnostics;

/// <summary>Routes the measurements of one instrument to its family's series (labels from meter, instrument and measurement tags).</summary>
internal sealed class MetricBinding
{
    private readonly MetricFamily _family;
    private readonly KeyValuePair<string, object?>[] _fixedTags;
    private MetricSeries? _untagged;

    public MetricBinding(MetricFamily family, Instrument instrument)
    {
        _family = family;
        var tags = new List<KeyValuePair<string, object?>>();
        if (instrument.Meter.Tags is { } meterTags)
        {
            tags.AddRange(meterTags);
        }
        if (instrument.Tags is { } instrumentTags)
        {
            tags.AddRange(instrumentTags);
        }
        _fixedTags = tags.ToArray();
    }

    public void Record(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var series = tags.IsEmpty ? _untagged ??= _family.Series(Labels([])) : _family.Series(Labels(tags));
        switch (_family.Kind)
        {
            case MetricKind.Counter or MetricKind.SumGauge:
                series.Add(value);
                break;
            case MetricKind.Histogram:
                series.Observe(value, _family.Buckets);
                break;
            default:
                series.Set(value);
                break;
        }
    }

    private string Labels(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var all = new List<KeyValuePair<string, object?>>(_fixedTags.Length + tags.Length);
        all.AddRange(_fixedTags);
        foreach (var tag in tags)
        {
            all.Add(tag);
        }
        all.Sort(static (a, b) => string.CompareOrdinal(a.Key, b.Key));
        var text = new StringBuilder();
        foreach (var (key, value) in all)
        {
            if (text.Length > 0)
            {
                text.Append(',');
            }
            foreach (var c in key)
            {
                text.Append(char.IsAsciiLetterOrDigit(c) || c == '_' ? c : '_');
            }
            text.Append("=\"");
            foreach (var c in Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "")
            {
                _ = c switch
                {
                    '\\' => text.Append("\\\\"),
                    '"' => text.Append("\\\""),
                    '\n' => text.Append("\\n"),
                    _ => text.Append(c),
                };
            }
            text.Append('"');
        }
        return text.ToString();
    }
}
