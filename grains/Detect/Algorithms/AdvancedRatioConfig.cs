namespace BkMonitor.Grains.Detect.Algorithms;

/// <summary>
/// <c>{floor, floor_interval, ceil, ceil_interval, fetch_type}</c>. A side counts only when both its
/// percentage and its interval are set and non-zero; the other side is then cleared, as bk-monitor's
/// serializer does.
/// </summary>
internal sealed record AdvancedRatioConfig(double? Floor, int FloorInterval, double? Ceil, int CeilInterval, bool FetchAverage)
{
    public static readonly string[] FetchTypes = ["avg", "last"];

    public static AdvancedRatioConfig? Read(ConfigReader reader)
    {
        if (!reader.ExpectObject()) return null;
        var floor = reader.Float("floor", allowNull: true, min: 0);
        var floorInterval = reader.Integer("floor_interval", allowNull: true, min: 1);
        var ceil = reader.Float("ceil", allowNull: true, min: 0);
        var ceilInterval = reader.Integer("ceil_interval", allowNull: true, min: 1);
        var fetchType = reader.Choice("fetch_type", FetchTypes, defaultValue: "avg");
        if (reader.HasErrors) return null;

        var floorSet = RatioFormula.IsActive(floor) && floorInterval is > 0;
        var ceilSet = RatioFormula.IsActive(ceil) && ceilInterval is > 0;
        if (!floorSet && !ceilSet)
        {
            reader.Error("", "floor with floor_interval, or ceil with ceil_interval, must be set");
            return null;
        }
        return new AdvancedRatioConfig(
            floorSet ? floor : null, floorSet ? floorInterval!.Value : 0,
            ceilSet ? ceil : null, ceilSet ? ceilInterval!.Value : 0,
            fetchType == "avg");
    }
}
