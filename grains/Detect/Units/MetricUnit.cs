using BkMonitor.Grains.Hashing;

namespace BkMonitor.Grains.Detect.Units;

/// <summary>
/// One unit of bk-monitor's catalogue: a ladder of suffixes (<c>"", Ki, Mi…</c> for bytes,
/// <c>ns…d</c> for time) with the step factor between neighbours, the rung the unit itself sits on,
/// and a label appended when displaying (<c>B</c>, <c>bps</c>).
/// </summary>
internal sealed class MetricUnit
{
    private readonly string[] _suffixes;
    private readonly double _factor;
    private readonly IReadOnlyDictionary<string, double>? _suffixFactors;
    private readonly int _index;
    private readonly bool _unboundedDisplay;

    public MetricUnit(string id, string[] suffixes, double factor, int index, string label,
        IReadOnlyDictionary<string, double>? suffixFactors = null, bool unboundedDisplay = false)
    {
        Id = id;
        _suffixes = suffixes;
        _factor = factor;
        _index = index;
        Label = label;
        _suffixFactors = suffixFactors;
        _unboundedDisplay = unboundedDisplay;
    }

    public string Id { get; }

    /// <summary>Text appended after the suffix when displaying (bk-monitor's <c>_suffix</c>).</summary>
    public string Label { get; }

    public static MetricUnit Fixed(string id, string label) => new(id, [], 1, 0, label);

    /// <summary>
    /// The conversion of <c>unit_convert_min(v, unit, suffix)</c>. A null suffix means the unit's own
    /// rung; a suffix not on the ladder (including <c>""</c> where the ladder has no empty rung)
    /// converts nothing but still rounds.
    /// </summary>
    public UnitScale ScaleFrom(string? suffix)
    {
        if (_suffixes.Length == 0) return UnitScale.Identity;
        suffix = suffix is null ? OwnSuffix() : NormaliseSuffix(suffix);
        var current = Array.IndexOf(_suffixes, suffix);
        if (current <= 0) return new UnitScale([], rounds: true);
        var steps = new double[current];
        for (var i = current; i > 0; i--) steps[current - i] = StepFactor(i);
        return new UnitScale(steps, rounds: true);
    }

    /// <summary>bk-monitor's <c>unit_suffix</c> filter: the prefix when it is on the ladder, then the label.</summary>
    public string SuffixLabel(string? prefix)
    {
        var normalised = string.IsNullOrEmpty(prefix) ? "" : NormaliseSuffix(prefix);
        return Array.IndexOf(_suffixes, normalised) >= 0 ? normalised + Label : Label;
    }

    /// <summary>bk-monitor's <c>auto_convert</c>: scale to a readable rung for messages, "95.0%", "2.0KiB".</summary>
    public string Display(double value)
    {
        var id = _index;
        if (id >= _suffixes.Length) return PythonStr.Float(PythonRound.Round6(value)) + Label;

        var (low, high) = _unboundedDisplay ? (double.PositiveInfinity, double.PositiveInfinity) : (1d, StepFactor(id));
        if (Math.Abs(value) < low)
        {
            while (Math.Abs(value) < low && id > 0)
            {
                value *= StepFactor(id - 1);
                id--;
                if (id <= 0) break;
                (low, high) = (1d, StepFactor(id - 1));
            }
        }
        else if (Math.Abs(value) >= high)
        {
            while (Math.Abs(value) >= high && id < _suffixes.Length - 1)
            {
                value /= StepFactor(id + 1);
                id++;
                if (id >= _suffixes.Length - 1) break;
                (low, high) = (1d, StepFactor(id + 1));
            }
        }
        return PythonStr.Float(PythonRound.Round6(value)) + _suffixes[id] + Label;
    }

    private string OwnSuffix() => _index > 0 && _index < _suffixes.Length ? _suffixes[_index] : "";

    private double StepFactor(int index) =>
        _suffixFactors is not null && _suffixFactors.TryGetValue(_suffixes[index], out var f) ? f : _factor;

    // The UI sends the micro sign; people type "us" or the Greek mu.
    private static string NormaliseSuffix(string suffix) => suffix switch
    {
        "us" or "\u03bcs" => "\u00b5s",
        _ => suffix,
    };
}
