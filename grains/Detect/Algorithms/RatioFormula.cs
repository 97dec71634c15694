namespace BkMonitor.Grains.Detect.Algorithms;

/// <summary>
/// The ring/year ratio comparisons on normalised values. The <c>(v or h)</c> guard keeps a series that
/// is 0 now and was 0 before from matching a 100% floor (0 &lt;= 0 would otherwise hold).
/// </summary>
internal static class RatioFormula
{
    public static bool FloorHit(double value, double history, double floor) =>
        (value != 0 || history != 0) && value <= history * (100 - floor) * 0.01;

    public static bool CeilHit(double value, double history, double ceil) =>
        (value != 0 || history != 0) && value >= history * (100 + ceil) * 0.01;

    /// <summary>bk-monitor tests a side's percentage for truthiness: null and 0 both switch it off.</summary>
    public static bool IsActive(double? percent) => percent is { } p && p != 0;
}
