namespace BkMonitor.Grains.TimeSeries;

/// <summary>One metric value of a custom report (<c>POST /v2/push/</c>), time in epoch seconds.</summary>
public sealed record CustomReportSample(string Metric, SeriesKey Dimensions, long Time, double Value);

/// <summary>A parsed, validated custom report.</summary>
public sealed record CustomReport(long DataId, string AccessToken, IReadOnlyList<CustomReportSample> Samples);

/// <summary>Limits of the ingest API (documented in the OpenAPI description of /v2/push/).</summary>
public sealed record CustomReportLimits
{
    /// <summary>Metric values per request; more is answered 413.</summary>
    public int MaxSamples { get; init; } = 100_000;

    /// <summary>How far ahead of the server clock a timestamp may be.</summary>
    public TimeSpan MaxFuture { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>How far back a timestamp may be (the store's retention).</summary>
    public TimeSpan MaxPast { get; init; } = TimeSpan.FromDays(8);

    public int MaxDimensions { get; init; } = 64;

    public int MaxNameLength { get; init; } = 256;
}

/// <summary>The report has more samples than <see cref="CustomReportLimits.MaxSamples"/>.</summary>
public sealed class CustomReportTooLargeException(int limit)
    : Exception($"A report may carry at most {limit} metric values; split it into several requests.")
{
    public int Limit { get; } = limit;
}
