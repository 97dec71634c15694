namespace BkMonitor.Grains.Detect;

/// <summary>One data point as the algorithms see it: value, data time, series key and dimensions.</summary>
internal readonly struct DetectPoint
{
    public DetectPoint(string seriesKey, long time, double value, IReadOnlyDictionary<string, string> dimensions)
    {
        SeriesKey = seriesKey;
        Time = time;
        Value = value;
        Dimensions = dimensions;
    }

    /// <summary>The dimensions md5: the history address of this series.</summary>
    public string SeriesKey { get; }

    public long Time { get; }

    public double Value { get; }

    public IReadOnlyDictionary<string, string> Dimensions { get; }
}
