namespace BkMonitor.Grains.Detect.Units;

/// <summary>
/// A precomputed <c>unit_convert_min</c>: the step factors from one suffix down to the unit's
/// smallest, then rounding to 6 decimals. Units without a suffix ladder (none, celsius, unknown ids)
/// pass values through untouched, without rounding, exactly like bk-monitor.
/// </summary>
internal readonly struct UnitScale
{
    private readonly double[]? _steps;
    private readonly bool _rounds;

    public UnitScale(double[] steps, bool rounds)
    {
        _steps = steps;
        _rounds = rounds;
    }

    public static UnitScale Identity => default;

    public double Apply(double value)
    {
        if (_steps is null) return value;
        // Step by step, as bk-monitor multiplies, so the last bit matches before rounding.
        foreach (var step in _steps) value *= step;
        return _rounds ? PythonRound.Round6(value) : value;
    }
}
