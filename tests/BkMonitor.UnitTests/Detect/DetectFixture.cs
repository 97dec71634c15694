using System.Text.Json;
using BkMonitor.Grains.Detect;

namespace BkMonitor.UnitTests.Detect;

/// <summary>Builds algorithms and points for tests: one series "s", agg 60 s, time series by default.</summary>
internal sealed class DetectFixture
{
    public const string Series = "s";
    public const long T = 1_700_000_040; // a multiple of 60
    public const long Day = 86_400;

    public InMemoryHistorySource History { get; } = new();

    public string? Unit { get; init; } = "";

    public string? UnitPrefix { get; init; } = "";

    public int AggInterval { get; init; } = 60;

    public string DataType { get; init; } = "time_series";

    public IDetectAlgorithm Create(string type, string json = "{}") =>
        AlgorithmFactory.Default.Create(type, Json(json), Unit, UnitPrefix, AggInterval, DataType);

    public DetectFixture At(long time, double value)
    {
        History.Record(Series, time, value);
        return this;
    }

    public AnomalyResult? Detect(IDetectAlgorithm algorithm, double value, long time = T,
        IReadOnlyDictionary<string, string>? dimensions = null)
    {
        var point = new DetectPoint(Series, time, value, dimensions ?? new Dictionary<string, string>());
        var reader = new HistoryReader(History, DataType is "log" or "event");
        return algorithm.Detect(point, reader);
    }

    public static JsonElement Json(string json) => JsonDocument.Parse(json).RootElement.Clone();
}
