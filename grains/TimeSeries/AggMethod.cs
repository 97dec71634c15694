namespace BkMonitor.Grains.TimeSeries;

/// <summary>Aggregations over an agg_interval bucket (bk-monitor's agg_method).</summary>
public enum AggMethod
{
    Avg,
    Sum,
    Min,
    Max,
    Count,
    Last,
}

public static class AggMethods
{
    public static readonly IReadOnlyList<string> Names = ["avg", "sum", "min", "max", "count", "last"];

    public static bool TryParse(string? name, out AggMethod method)
    {
        switch (name?.ToLowerInvariant())
        {
            case "avg" or "mean": method = AggMethod.Avg; return true;
            case "sum": method = AggMethod.Sum; return true;
            case "min": method = AggMethod.Min; return true;
            case "max": method = AggMethod.Max; return true;
            case "count": method = AggMethod.Count; return true;
            case "last": method = AggMethod.Last; return true;
            default: method = default; return false;
        }
    }

    public static AggMethod Parse(string? name)
        => TryParse(name, out var m) ? m : throw new ArgumentException($"Unknown agg_method '{name}'; expected one of {string.Join(", ", Names)}.", nameof(name));
}
