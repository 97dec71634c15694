namespace BkMonitor.Grains.Metadata;

/// <summary>
/// The cleaning configs a data source may use and the data type each one produces. The three
/// <c>bk_standard_v2_*</c> configs are what BCS registration uses (<c>bk_standard_v2_log</c> is this
/// project's name; bk-monitor uses <c>bk_flat_batch</c> for logs, kept here too).
/// </summary>
internal static class EtlConfigs
{
    public const string TimeSeriesV2 = "bk_standard_v2_time_series";
    public const string EventV2 = "bk_standard_v2_event";
    public const string LogV2 = "bk_standard_v2_log";
    public const string Standard = "bk_standard";
    public const string Exporter = "bk_exporter";
    public const string FlatBatch = "bk_flat_batch";

    public const string TimeSeries = "time_series";
    public const string Event = "event";
    public const string Log = "log";

    private static readonly Dictionary<string, string> TypeLabelByEtl = new(StringComparer.Ordinal)
    {
        [TimeSeriesV2] = TimeSeries,
        [EventV2] = Event,
        [LogV2] = Log,
        [Standard] = TimeSeries,
        [Exporter] = TimeSeries,
        [FlatBatch] = Log,
    };

    public static IReadOnlyCollection<string> Known => TypeLabelByEtl.Keys;

    public static IReadOnlyList<string> DataTypeLabels { get; } = [TimeSeries, Event, Log];

    public static bool IsKnown(string etlConfig) => TypeLabelByEtl.ContainsKey(etlConfig);

    /// <summary>The data type label an etl config produces, or null for an unknown config.</summary>
    public static string? TypeLabelOf(string etlConfig) => TypeLabelByEtl.GetValueOrDefault(etlConfig);
}
