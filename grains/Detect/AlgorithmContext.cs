using BkMonitor.Grains.Detect.Units;

namespace BkMonitor.Grains.Detect;

/// <summary>
/// What an algorithm needs to know about its item: the metric unit, the algorithm's own
/// <c>unit_prefix</c> (thresholds are typed in it), the aggregation interval and the data type.
/// </summary>
internal sealed class AlgorithmContext
{
    public const string TimeSeries = "time_series";

    public AlgorithmContext(string? unit, string? unitPrefix, int aggInterval, string? dataTypeLabel,
        AnomalyModelRegistry? models = null)
    {
        if (aggInterval <= 0) throw new ArgumentOutOfRangeException(nameof(aggInterval), aggInterval, "agg_interval must be positive");
        Unit = UnitCatalog.Resolve(unit);
        UnitPrefix = unitPrefix ?? "";
        AggInterval = aggInterval;
        DataTypeLabel = string.IsNullOrEmpty(dataTypeLabel) ? TimeSeries : dataTypeLabel;
        Models = models ?? AnomalyModelRegistry.BuiltIn;
        ValueScale = Unit.ScaleFrom(null);
        ThresholdScale = Unit.ScaleFrom(UnitPrefix);
        ThresholdSuffix = Unit.SuffixLabel(UnitPrefix);
    }

    public MetricUnit Unit { get; }

    public string UnitPrefix { get; }

    public int AggInterval { get; }

    public string DataTypeLabel { get; }

    public AnomalyModelRegistry Models { get; }

    /// <summary><c>unit_convert_min(value, unit)</c>: data values to the unit's smallest suffix.</summary>
    public UnitScale ValueScale { get; }

    /// <summary><c>unit_convert_min(threshold, unit, unit_prefix)</c>: configured amounts to the smallest suffix.</summary>
    public UnitScale ThresholdScale { get; }

    /// <summary>The unit text after a configured amount in messages ("%", "KiB").</summary>
    public string ThresholdSuffix { get; }

    /// <summary>Log and event data: a period without history is a real zero.</summary>
    public bool MissingHistoryIsZero => DataTypeLabel is "log" or "event";
}
