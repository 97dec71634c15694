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

    // Prometheus rejects a series that names a label twice, so one name is written once: a measurement tag
    // overrides an instrument tag, which overrides a meter tag (a provider may tag both its meter and its
    // measurements). Names are compared as written (after sanitising); a histogram's own "le" is reserved.
    private string Labels(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var labels = new SortedDictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (key, value) in _fixedTags)
        {
            labels[LabelName(key)] = value;
        }
        foreach (var (key, value) in tags)
        {
            labels[LabelName(key)] = value;
        }
        var text = new StringBuilder();
        foreach (var (name, value) in labels)
        {
            if (text.Length > 0)
            {
                text.Append(',');
            }
            text.Append(name).Append("=\"");
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

    private string LabelName(string key)
    {
        var name = new StringBuilder(key.Length + 1);
        foreach (var c in key)
        {
            name.Append(char.IsAsciiLetterOrDigit(c) || c == '_' ? c : '_');
        }
        if (name.Length == 0 || char.IsAsciiDigit(name[0]))
        {
            name.Insert(0, '_');
        }
        var text = name.ToString();
        return _family.Kind == MetricKind.Histogram && text == "le" ? "exported_le" : text;
    }
}
