namespace BkMonitor.Grains.TimeSeries;

/// <summary>
/// Finds metric values a report carries twice (same metric, dimensions and second): within one report that
/// is ambiguous, so the report is refused; across reports a re-sent value simply replaces the stored one.
/// </summary>
internal static class DuplicateSamples
{
    /// <summary>Messages for the first few duplicates, empty when there are none.</summary>
    public static List<string> Find(IReadOnlyList<CustomReportSample> samples, int maxMessages = 5)
    {
        var messages = new List<string>();
        var seen = new HashSet<(string Metric, SeriesKey Series, long Time)>(samples.Count);
        foreach (var sample in samples)
        {
            if (seen.Add((sample.Metric, sample.Dimensions, sample.Time))) continue;
            messages.Add($"metric '{sample.Metric}' with dimensions {{{sample.Dimensions}}} at {sample.Time} appears more than once");
            if (messages.Count == maxMessages) break;
        }
        return messages;
    }
}
