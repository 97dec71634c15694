using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using BkMonitor.GrainInterfaces.Detect;
using BkMonitor.GrainInterfaces.Strategies;
using BkMonitor.Grains.Detect;
using BkMonitor.Grains.Hashing;

namespace BkMonitor.Benchmarks.Scenarios;

/// <summary>
/// The detect scenario's floor: the same points evaluated by the same compiled algorithms called directly in a loop.
/// Records and history (round 0 is the ring ratio's history) are built once, outside any timing; a pass times the
/// algorithms over rounds 1..N. Three passes run at construction, to warm the code up (tiered compilation).
/// </summary>
internal sealed class DetectBaselineLoop
{
    private readonly AlgorithmSet[] _sets;
    private readonly InMemoryHistorySource[] _histories;
    private readonly List<DataPointRecord>[,] _batches;
    private readonly List<AnomalyRecord> _anomalies = [];
    private readonly int _rounds;
    private readonly long _t0;
    private readonly int _interval;

    public DetectBaselineLoop(int rounds, int strategies, int series, long t0, int interval, Func<int, string> strategyJson, Func<int, int, int, double> value)
    {
        _rounds = rounds;
        _t0 = t0;
        _interval = interval;
        _sets = new AlgorithmSet[strategies];
        _histories = new InMemoryHistorySource[strategies];
        for (var s = 0; s < strategies; s++)
        {
            var strategy = JsonSerializer.Deserialize<Strategy>(strategyJson(s + 1), StrategyJson.Options)!;
            var connectors = strategy.Detects.ToDictionary(d => d.Level, d => d.Connector);
            _sets[s] = AlgorithmSet.Compile(StrategyDetector.SpecOf(s + 1, strategy.Items[0] with { Id = 1 }, connectors));
            _histories[s] = new InMemoryHistorySource();
        }
        var dims = Enumerable.Range(0, series).Select(j => new Dictionary<string, string> { ["host"] = $"h{j}" }).ToArray();
        var md5 = dims.Select(d => CountMd5.Of(d)).ToArray();
        _batches = new List<DataPointRecord>[rounds + 1, strategies];
        for (var r = 0; r <= rounds; r++)
        {
            var t = t0 + r * interval;
            for (var s = 0; s < strategies; s++)
            {
                var batch = _batches[r, s] = new List<DataPointRecord>(series);
                for (var j = 0; j < series; j++)
                {
                    var v = value(s + 1, j, r);
                    _histories[s].Record(md5[j], t, v);
                    batch.Add(new DataPointRecord { RecordId = string.Concat(md5[j], ".", t.ToString(CultureInfo.InvariantCulture)), Value = v, Dimensions = dims[j], Time = t });
                }
            }
        }
        Points = (long)rounds * strategies * series;
        for (var i = 0; i < 3; i++) TimePass();
    }

    /// <summary>Points one pass evaluates.</summary>
    public long Points { get; }

    /// <summary>One timed pass: points/s.</summary>
    public double TimePass()
    {
        var sw = Stopwatch.StartNew();
        for (var r = 1; r <= _rounds; r++)
        {
            var t = _t0 + r * _interval;
            for (var s = 0; s < _sets.Length; s++) _sets[s].Detect(_batches[r, s], _histories[s], t + 70, _anomalies);
            _anomalies.Clear();
        }
        return Points / sw.Elapsed.TotalSeconds;
    }
}
