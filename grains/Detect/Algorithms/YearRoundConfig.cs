namespace BkMonitor.Grains.Detect.Algorithms;

/// <summary><c>{ratio, shock, days ≥ 1, method gt|gte|lt|lte|eq}</c> of the year-round amplitude and range algorithms.</summary>
internal sealed record YearRoundConfig(double Ratio, double Shock, int Days, ComparisonMethod Method)
{
    public static YearRoundConfig? Read(ConfigReader reader)
    {
        if (!reader.ExpectObject()) return null;
        var ratio = reader.Float("ratio");
        var shock = reader.Float("shock");
        var days = reader.Integer("days", min: 1);
        var method = reader.Choice("method", Comparison.YearRoundMethods);
        if (reader.HasErrors) return null;
        return new YearRoundConfig(ratio!.Value, shock!.Value, days!.Value, Comparison.Parse(method!));
    }
}
