namespace BkMonitor.Grains.TimeSeries;

/// <summary>
/// One aggregated query: points of <see cref="Metric"/> in <see cref="ResultTable"/> with
/// <see cref="From"/> ≤ time &lt; <see cref="Until"/> (epoch s), filtered by dimensions, bucketed by
/// <see cref="AggIntervalSeconds"/> and grouped by <see cref="GroupBy"/>.
/// </summary>
public sealed record TimeSeriesQuery(
    string ResultTable,
    string Metric,
    AggMethod AggMethod,
    int AggIntervalSeconds,
    IReadOnlyList<string> GroupBy,
    long From,
    long Until)
{
    /// <summary>Keeps a series when it returns true; null keeps all.</summary>
    public Func<IReadOnlyDictionary<string, string>, bool>? Filter { get; init; }

    /// <summary>For Prometheus sources: the PromQL expression (Metric/ResultTable are informative then).</summary>
    public string? PromQl { get; init; }
}

/// <summary>One aggregated value: a group's dimensions at a bucket start time.</summary>
public sealed record SeriesBucket(IReadOnlyDictionary<string, string> Dimensions, long Time, double Value);

/// <summary>One aggregated value keyed by its group's series key: what the store hands access, no dictionary per bucket.</summary>
public readonly record struct GroupBucket(SeriesKey Group, long Time, double Value);

/// <summary>Where access pulls windows from: the built-in store or a Prometheus-compatible API.</summary>
public interface ITimeSeriesSource
{
    Task<IReadOnlyList<SeriesBucket>> QueryAsync(TimeSeriesQuery query, CancellationToken cancellationToken);
}
