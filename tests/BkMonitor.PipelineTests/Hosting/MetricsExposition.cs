using System.Globalization;

namespace BkMonitor.PipelineTests.Hosting;

/// <summary>Reads samples out of a Prometheus text exposition (what the gateway serves on <c>/metrics</c>).</summary>
public sealed class MetricsExposition(string text)
{
    private readonly string[] _samples = text.Split('\n').Where(l => l.Length > 0 && l[0] != '#').ToArray();

    /// <summary>The value of the sample written exactly as <paramref name="series"/> (name and label set); 0 when absent.</summary>
    public double Value(string series)
    {
        var line = _samples.FirstOrDefault(l => l.StartsWith(series + " ", StringComparison.Ordinal));
        return line is null ? 0 : double.Parse(line[(series.Length + 1)..], CultureInfo.InvariantCulture);
    }

    /// <summary>Samples that name one label more than once (Prometheus rejects the whole scrape for one of them).</summary>
    public IEnumerable<string> SamplesWithRepeatedLabels() => _samples.Where(l => LabelNames(l).GroupBy(n => n).Any(g => g.Count() > 1));

    // Label values are quoted with \" and \\ escaped; names are what precedes each '=' outside quotes.
    private static List<string> LabelNames(string sample)
    {
        var names = new List<string>();
        var open = sample.IndexOf('{', StringComparison.Ordinal);
        if (open < 0) return names;
        var start = open + 1;
        var quoted = false;
        for (var i = start; i < sample.Length; i++)
        {
            var c = sample[i];
            if (quoted)
            {
                if (c == '\\') i++;
                else if (c == '"') quoted = false;
            }
            else if (c == '"') quoted = true;
            else if (c == '=') names.Add(sample[start..i].TrimStart(','));
            else if (c == ',') start = i;
            else if (c == '}') break;
        }
        return names;
    }
}
