namespace BkMonitor.Grains.Strategies;

/// <summary>Detect algorithm type names of ALARM-SPEC §2, spelled as bk-monitor stores them.</summary>
public static class AlgorithmTypes
{
    public const string Threshold = "Threshold";
    public const string SimpleRingRatio = "SimpleRingRatio";
    public const string SimpleYearRound = "SimpleYearRound";
    public const string AdvancedRingRatio = "AdvancedRingRatio";
    public const string AdvancedYearRound = "AdvancedYearRound";
    public const string RingRatioAmplitude = "RingRatioAmplitude";
    public const string YearRoundAmplitude = "YearRoundAmplitude";
    public const string YearRoundRange = "YearRoundRange";
    public const string PingUnreachable = "PingUnreachable";
    public const string ProcPort = "ProcPort";
    public const string OsRestart = "OsRestart";
    public const string IntelligentDetect = "IntelligentDetect";
    public const string TimeSeriesForecasting = "TimeSeriesForecasting";

    public static readonly IReadOnlyList<string> All =
    [
        Threshold, SimpleRingRatio, SimpleYearRound, AdvancedRingRatio, AdvancedYearRound,
        RingRatioAmplitude, YearRoundAmplitude, YearRoundRange, PingUnreachable, ProcPort, OsRestart,
        IntelligentDetect, TimeSeriesForecasting,
    ];
}
