using System.Diagnostics;
using System.Globalization;
using BkMonitor.Benchmarks.Hosting;
using BkMonitor.GrainInterfaces.Detect;
using BkMonitor.Grains.Detect;
using BkMonitor.Grains.Hashing;

namespace BkMonitor.Benchmarks.Measurement;

/// <summary>
/// The pipeline benchmark's floor: the points of <see cref="PushRound"/> evaluated by the benchmark strategy's
/// compiled algorithms in a plain loop (records built outside the timing; round 0 warms up and is not timed).
/// </summary>
public static class DetectLoopBaseline
{
    public static double PointsPerSecond(int tables, int series, int rounds)
    {
        var strategy = AlarmBenchStrategy.Parse(AlarmBenchStrategy.Json("2_bkmonitor_time_series_bench.__default__", id: 1));
        var algorithms = AlarmBenchStrategy.Compile(1, strategy);
        var history = new InMemoryHistorySource();
        var dimensions = new Dictionary<string, string>[tables, series];
        var md5 = new string[tables, series];
        for (var k = 0; k < tables; k++)
        {
            for (var j = 0; j < series; j++)
            {
                dimensions[k, j] = new Dictionary<string, string> { ["host"] = PushRound.Host("b", k, j) };
                md5[k, j] = CountMd5.Of(dimensions[k, j]);
            }
        }
        var anomalies = new List<AnomalyRecord>();
        var elapsed = TimeSpan.Zero;
        for (var r = 0; r <= rounds; r++)
        {
            var time = 1_700_000_040L + r * AlarmBenchStrategy.Interval;
            var batches = new List<DataPointRecord>[tables];
            for (var k = 0; k < tables; k++)
            {
                batches[k] = new List<DataPointRecord>(series);
                for (var j = 0; j < series; j++)
                {
                    batches[k].Add(new DataPointRecord
                    {
                        RecordId = string.Concat(md5[k, j], ".", time.ToString(CultureInfo.InvariantCulture)),
                        Value = PushRound.Value(k, j, r),
                        Dimensions = dimensions[k, j],
                        Time = time,
                    });
                }
            }
            var started = Stopwatch.GetTimestamp();
            for (var k = 0; k < tables; k++) algorithms.Detect(batches[k], history, time + 70, anomalies);
            if (r > 0) elapsed += Stopwatch.GetElapsedTime(started);
            anomalies.Clear();
        }
        return (double)rounds * tables * series / elapsed.TotalSeconds;
    }
}
