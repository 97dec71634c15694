using System.Text.Json;
using BkMonitor.Grains.Detect.Algorithms;

namespace BkMonitor.Grains.Detect;

/// <summary>
/// Builds detect algorithms from <c>(type, config)</c> and validates configs at save time with
/// messages naming the field ("floor: must be >= 0, got -1.0").
/// </summary>
internal sealed class AlgorithmFactory
{
    private static readonly string[] Types =
    [
        ThresholdAlgorithm.TypeName, SimpleRingRatioAlgorithm.TypeName, SimpleYearRoundAlgorithm.TypeName,
        AdvancedRingRatioAlgorithm.TypeName, AdvancedYearRoundAlgorithm.TypeName, RingRatioAmplitudeAlgorithm.TypeName,
        YearRoundAmplitudeAlgorithm.TypeName, YearRoundRangeAlgorithm.TypeName, PingUnreachableAlgorithm.TypeName,
        ProcPortAlgorithm.TypeName, OsRestartAlgorithm.TypeName, IntelligentDetectAlgorithm.TypeName,
        TimeSeriesForecastingAlgorithm.TypeName,
    ];

    private readonly AnomalyModelRegistry _models;

    public AlgorithmFactory(AnomalyModelRegistry? models = null) => _models = models ?? AnomalyModelRegistry.BuiltIn;

    public static AlgorithmFactory Default { get; } = new();

    public static IReadOnlyList<string> KnownTypes => Types;

    /// <summary>Every problem with the config, empty when valid. Unit and interval do not affect validity.</summary>
    public IReadOnlyList<string> Validate(string type, JsonElement config)
    {
        var reader = new ConfigReader(config);
        Build(type, reader, new AlgorithmContext("", "", 60, AlgorithmContext.TimeSeries, _models));
        return reader.Errors;
    }

    /// <summary>Builds the algorithm, or throws <see cref="InvalidAlgorithmConfigException"/> listing every problem.</summary>
    public IDetectAlgorithm Create(string type, JsonElement config, string? unit, string? unitPrefix, int aggInterval,
        string? dataTypeLabel)
    {
        var reader = new ConfigReader(config);
        var algorithm = Build(type, reader, new AlgorithmContext(unit, unitPrefix, aggInterval, dataTypeLabel, _models));
        if (algorithm is null || reader.HasErrors) throw new InvalidAlgorithmConfigException(type, reader.Errors);
        return algorithm;
    }

    private static IDetectAlgorithm? Build(string type, ConfigReader reader, AlgorithmContext context) => type switch
    {
        ThresholdAlgorithm.TypeName => ThresholdAlgorithm.Create(reader, context),
        SimpleRingRatioAlgorithm.TypeName => SimpleRingRatioAlgorithm.Create(reader, context),
        SimpleYearRoundAlgorithm.TypeName => SimpleYearRoundAlgorithm.Create(reader, context),
        AdvancedRingRatioAlgorithm.TypeName => AdvancedRingRatioAlgorithm.Create(reader, context),
        AdvancedYearRoundAlgorithm.TypeName => AdvancedYearRoundAlgorithm.Create(reader, context),
        RingRatioAmplitudeAlgorithm.TypeName => RingRatioAmplitudeAlgorithm.Create(reader, context),
        YearRoundAmplitudeAlgorithm.TypeName => YearRoundAmplitudeAlgorithm.Create(reader, context),
        YearRoundRangeAlgorithm.TypeName => YearRoundRangeAlgorithm.Create(reader, context),
        // These take no config (bk-monitor has no serializer for them): whatever is there is ignored.
        PingUnreachableAlgorithm.TypeName => new PingUnreachableAlgorithm(),
        ProcPortAlgorithm.TypeName => new ProcPortAlgorithm(),
        OsRestartAlgorithm.TypeName => new OsRestartAlgorithm(context),
        IntelligentDetectAlgorithm.TypeName => IntelligentDetectAlgorithm.Create(reader, context),
        TimeSeriesForecastingAlgorithm.TypeName => TimeSeriesForecastingAlgorithm.Create(reader, context),
        _ => Unknown(type, reader),
    };

    private static IDetectAlgorithm? Unknown(string type, ConfigReader reader)
    {
        reader.Error("type", $"unknown algorithm type '{type}'; known: {string.Join(", ", Types)}");
        return null;
    }
}
