namespace BkMonitor.Grains.Detect;

/// <summary>
/// The built-in model: the points at the same phase of the previous seasons (by default the same
/// moment of the last 7 days) give a mean and a population standard deviation; the normal band is
/// mean ± z·σ. σ is floored at 1% of |mean| (and a tiny absolute epsilon) so a perfectly flat history
/// does not turn every wobble into an anomaly, while still flagging real departures from it.
/// </summary>
internal sealed class SeasonalZScoreModel : IAnomalyModel
{
    public const string Name = "seasonal_zscore";
    private const double RelativeSigmaFloor = 0.01;
    private const double AbsoluteSigmaFloor = 1e-9;

    public SeasonalZScoreModel(double z, int seasons, long seasonSeconds, int minSamples)
    {
        if (z <= 0) throw new ArgumentOutOfRangeException(nameof(z), z, "z must be positive");
        if (seasons < 1) throw new ArgumentOutOfRangeException(nameof(seasons), seasons, "seasons must be >= 1");
        if (seasonSeconds < 1) throw new ArgumentOutOfRangeException(nameof(seasonSeconds), seasonSeconds, "season must be >= 1 s");
        if (minSamples < 1 || minSamples > seasons)
            throw new ArgumentOutOfRangeException(nameof(minSamples), minSamples, "min_samples must be within 1..seasons");
        Z = z;
        Seasons = seasons;
        SeasonSeconds = seasonSeconds;
        MinSamples = minSamples;
    }

    public double Z { get; }

    public int Seasons { get; }

    public long SeasonSeconds { get; }

    public int MinSamples { get; }

    public ModelPrediction? Predict(string seriesKey, long time, in HistoryReader history)
    {
        // Welford's running mean/variance: no buffer per point.
        var count = 0;
        var mean = 0d;
        var m2 = 0d;
        for (var k = 1; k <= Seasons; k++)
        {
            if (history.At(seriesKey, time - k * SeasonSeconds) is not { } sample) continue;
            count++;
            var delta = sample - mean;
            mean += delta / count;
            m2 += delta * (sample - mean);
        }
        if (count < MinSamples) return null;
        var sigma = Math.Max(Math.Sqrt(m2 / count), Math.Max(Math.Abs(mean) * RelativeSigmaFloor, AbsoluteSigmaFloor));
        return new ModelPrediction(mean, mean - Z * sigma, mean + Z * sigma);
    }

    /// <summary>Reads <c>args {z = 3, seasons = 7, season = 86400, min_samples = 3}</c>.</summary>
    public static SeasonalZScoreModel? Create(ConfigReader args)
    {
        var z = args.Float("z", required: false, min: 0) ?? 3;
        var seasons = args.Integer("seasons", required: false, min: 1) ?? 7;
        var season = args.Integer("season", required: false, min: 1) ?? 86_400;
        var minSamples = args.Integer("min_samples", required: false, min: 1) ?? Math.Min(3, seasons);
        if (args.HasErrors) return null;
        if (z == 0)
        {
            args.Error("z", "must be > 0");
            return null;
        }
        if (minSamples > seasons)
        {
            args.Error("min_samples", $"must be <= seasons ({seasons}), got {minSamples}");
            return null;
        }
        return new SeasonalZScoreModel(z, seasons, season, minSamples);
    }
}
