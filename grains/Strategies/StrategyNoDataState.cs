using BkMonitor.Grains.Nodata;

namespace BkMonitor.Grains.Strategies;

/// <summary>
/// The persisted nodata state of a strategy, by item id: the expected dimension history, the last data times and
/// the "still missing" checkpoints the alert manager asks about. Kept apart from the config and access states
/// because it is written once a minute; bounded by <see cref="NoDataRetention"/>.
/// </summary>
internal sealed class StrategyNoDataState
{
    public Dictionary<long, NoDataState> Items { get; set; } = [];
}
