using System.Text.Json;

namespace BkMonitor.Benchmarks.Hosting;

/// <summary>
/// One custom report: every host of one table at one data time. Host <c>j</c> is anomalous (97 ≥ 90) in the
/// phase round where <c>j % 100 == round % 100</c>, so 1% of the points are anomalous and, over at most 100
/// rounds, each host opens exactly one alert; the other values stay within 30..59.
/// </summary>
public sealed class PushRound
{
    public const int AnomalyEvery = 100;
    public const double AnomalousValue = 97;

    private PushRound(byte[] body, int points, string[] anomalousHosts)
    {
        Body = body;
        Points = points;
        AnomalousHosts = anomalousHosts;
    }

    public byte[] Body { get; }

    public int Points { get; }

    public string[] AnomalousHosts { get; }

    public static string Host(string phase, int table, int series) => $"{phase}{table}-{series}";

    public static double Value(int table, int series, int round) =>
        series % AnomalyEvery == round % AnomalyEvery ? AnomalousValue : 30 + (table * 7919 + series * 31 + round) % 30;

    public static PushRound Build(BenchTable target, string phase, int table, int series, int round, long time)
    {
        var anomalous = new List<string>();
        using var buffer = new MemoryStream(series * 80);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteNumber("data_id", target.DataId);
            json.WriteString("access_token", target.Token);
            json.WriteStartArray("data");
            for (var j = 0; j < series; j++)
            {
                var host = Host(phase, table, j);
                var value = Value(table, j, round);
                if (value >= AlarmBenchStrategy.Threshold) anomalous.Add(host);
                json.WriteStartObject();
                json.WriteStartObject("metrics");
                json.WriteNumber("cpu", value);
                json.WriteEndObject();
                json.WriteStartObject("dimension");
                json.WriteString("host", host);
                json.WriteEndObject();
                json.WriteNumber("timestamp", time * 1000);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return new PushRound(buffer.ToArray(), series, [.. anomalous]);
    }
}
