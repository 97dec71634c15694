namespace BkMonitor.Grains.Detect.Algorithms;

/// <summary>The comparison methods of threshold-like configs (<c>gt gte lt lte eq neq</c>).</summary>
internal enum ComparisonMethod
{
    Gt,
    Gte,
    Lt,
    Lte,
    Eq,
    Neq,
}

internal static class Comparison
{
    /// <summary>Methods a Threshold accepts.</summary>
    public static readonly string[] ThresholdMethods = ["gt", "gte", "lt", "lte", "eq", "neq"];

    /// <summary>Methods the year-round amplitude/range algorithms accept (no <c>neq</c>).</summary>
    public static readonly string[] YearRoundMethods = ["gt", "gte", "lt", "lte", "eq"];

    public static ComparisonMethod Parse(string method) => method switch
    {
        "gt" => ComparisonMethod.Gt,
        "gte" => ComparisonMethod.Gte,
        "lt" => ComparisonMethod.Lt,
        "lte" => ComparisonMethod.Lte,
        "eq" => ComparisonMethod.Eq,
        "neq" => ComparisonMethod.Neq,
        _ => throw new ArgumentException($"unknown comparison method '{method}'", nameof(method)),
    };

    public static bool Holds(this ComparisonMethod method, double left, double right) => method switch
    {
        ComparisonMethod.Gt => left > right,
        ComparisonMethod.Gte => left >= right,
        ComparisonMethod.Lt => left < right,
        ComparisonMethod.Lte => left <= right,
        ComparisonMethod.Eq => left == right,
        _ => left != right,
    };

    /// <summary>The operator as bk-monitor prints it in messages ("==" shows as "=").</summary>
    public static string Symbol(this ComparisonMethod method) => method switch
    {
        ComparisonMethod.Gt => ">",
        ComparisonMethod.Gte => ">=",
        ComparisonMethod.Lt => "<",
        ComparisonMethod.Lte => "<=",
        ComparisonMethod.Eq => "=",
        _ => "!=",
    };
}
