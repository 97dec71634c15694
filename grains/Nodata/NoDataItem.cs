using BkMonitor.GrainInterfaces.Access;
using BkMonitor.GrainInterfaces.Strategies;
using BkMonitor.Grains.Strategies;

namespace BkMonitor.Grains.Nodata;

/// <summary>
/// The nodata check of one nodata-enabled strategy item as a strategy activation runs it: the check request built
/// from the item's config and the inbox access feeds with the records it hands on.
/// </summary>
internal sealed class NoDataItem
{
    private NoDataItem(NoDataCheckRequest request, NoDataInbox? inbox)
    {
        Request = request;
        Inbox = inbox ?? new NoDataInbox();
    }

    public NoDataCheckRequest Request { get; }

    public long ItemId => Request.ItemId;

    public NoDataInbox Inbox { get; }

    /// <summary>Null when the item has nodata disabled; <paramref name="inbox"/> carries points over from a previous config.</summary>
    public static NoDataItem? For(long strategyId, StrategyItem item, NoDataInbox? inbox = null)
    {
        ArgumentNullException.ThrowIfNull(item);
        if (item.NoDataConfig is not { IsEnabled: true } config) return null;
        return new NoDataItem(new NoDataCheckRequest
        {
            StrategyId = strategyId,
            ItemId = item.Id,
            ItemName = item.Name,
            AggInterval = AggIntervalOf(item),
            Level = config.Level,
            AggDimensions = config.AggDimension,
            TargetInstances = NoDataTargetInstances.Of(item),
        }, inbox);
    }

    /// <summary>The agg_interval of the item's first query config (60 when missing or 0).</summary>
    public static int AggIntervalOf(StrategyItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        var interval = item.QueryConfigs.Count > 0 ? item.QueryConfigs[0].AggInterval : null;
        return interval is null or <= 0 ? StrategyDerivations.DefaultInterval : interval.Value;
    }

    /// <summary>Every record access handed on for this item, keyed by its series md5 so a re-handed bucket waits once.</summary>
    public void Feed(ItemRecords records)
    {
        ArgumentNullException.ThrowIfNull(records);
        if (records.Columns is { } columns)
        {
            for (var i = 0; i < columns.Count; i++)
            {
                var series = columns.Series[i];
                Inbox.Add(columns.Table.Md5[series], new NoDataPoint(columns.Table.Dimensions[series], columns.Times[i]));
            }
            return;
        }
        foreach (var record in records.Records) Inbox.Add(record.DimensionsMd5, new NoDataPoint(record.Dimensions, record.Time));
    }

    /// <summary>Runs the checks due at <paramref name="now"/> on <paramref name="state"/>; the anomalies oldest first.</summary>
    public List<NoDataAnomaly> CheckDue(NoDataState state, long now)
    {
        ArgumentNullException.ThrowIfNull(state);
        var anomalies = new List<NoDataAnomaly>();
        foreach (var checkTime in NoDataSchedule.DueChecks(state.LastCheckTime, Request.AggInterval, now))
        {
            anomalies.AddRange(NoDataChecker.Check(Request, state, Inbox.TakeFor(checkTime), checkTime, now).Anomalies);
        }
        NoDataRetention.Apply(state, now);
        return anomalies;
    }

    /// <summary>A fresh inbox saw nothing forwarded before it existed: the periods up to now count as checked.</summary>
    public void StartBlind(NoDataState state, long now)
    {
        ArgumentNullException.ThrowIfNull(state);
        var blindUntil = NoDataSchedule.BlindUntil(now, Request.AggInterval);
        if (state.LastCheckTime is not { } last || last < blindUntil) state.LastCheckTime = blindUntil;
    }
}
