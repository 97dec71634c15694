using BkMonitor.GrainInterfaces.Access;
using BkMonitor.GrainInterfaces.Detect;
using BkMonitor.GrainInterfaces.Pipeline;
using BkMonitor.Grains.Access;
using BkMonitor.Grains.Hosting;
using BkMonitor.Grains.TimeSeries;
using BkMonitor.Runtime;

namespace BkMonitor.Grains.Strategies;

internal sealed partial class StrategyGrain
{
    /// <summary>The buckets of one pushed metric, refilled per push (read before the next await).</summary>
    private readonly List<GroupBucket> _pushedBuckets = [];
    private IAsyncStream<AccessBatch>? _dataAccess;
    private long _accessWrittenAt = long.MinValue;

    /// <summary>Pull: each readable item queries its window; one batch per run goes to detect.</summary>
    public async Task<AccessRunResult> RunAccessAsync()
    {
        if (_strategy is not { IsEnabled: true }) return AccessRunResult.Nothing;
        var now = Now;
        var items = new List<ItemRecords>();
        var points = 0;
        foreach (var accessor in _accessors)
        {
            if (accessor.PullWindow(now) is not { } window) continue;
            IReadOnlyList<SeriesBucket> buckets;
            try
            {
                var source = _services.SourceFor(accessor.Plan.Kind);
                buckets = await accessor.Plan.QueryAsync(source, window.From, window.Until, CancellationToken.None);
            }
            catch (Exception e) when (e is HttpRequestException or PrometheusQueryException or TaskCanceledException or InvalidOperationException)
            {
                PipelineLog.AccessQueryFailed(_logger, e, Id, accessor.ItemId);
                continue;
            }
            points += buckets.Count;
            if (accessor.Pull(buckets, window, now) is { } columns) items.Add(ItemRecords.FromColumns(accessor.ItemId, columns));
        }
        return await PublishAsync(items, points, now, persistNow: true);
    }

    /// <summary>Push: the buckets the new data touched are read back aggregated and evaluated on their own times.</summary>
    public async Task<AccessRunResult> OnDataPushedAsync(PushNotice notice)
    {
        if (_strategy is not { IsEnabled: true }) return AccessRunResult.Nothing;
        var now = Now;
        var items = new List<ItemRecords>();
        var points = 0;
        foreach (var accessor in _accessors)
        {
            if (accessor.Plan.PushedRange(notice) is not { } range) continue;
            var buckets = accessor.Plan.QueryGroupsCovering(_services.Store, range.Min, range.Max, _pushedBuckets);
            points += buckets.Count;
            if (accessor.Push(buckets, now) is { } columns) items.Add(ItemRecords.FromColumns(accessor.ItemId, columns));
        }
        return await PublishAsync(items, points, now, persistNow: false);
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (_strategy is not null && AccessIsDirty()) await WriteAccessStateAsync(Now);
    }

    /// <summary>
    /// A pull writes the access state every run. Pushes may come many times a period, so they write it at most once
    /// per access period (and on deactivation): what a silo loss forgets is only which buckets were handed on lately,
    /// and a bucket handed on again is harmless downstream (trigger windows hold times as a set; check results
    /// replace by time) while the pull's checkpoint re-reads at most what the push had already covered.
    /// </summary>
    private async Task<AccessRunResult> PublishAsync(List<ItemRecords> items, int points, long now, bool persistNow)
    {
        var records = 0;
        foreach (var item in items) records += item.Count;
        _services.Counters.OnAccess(points, records);
        FeedNoData(items);
        if (points == 0) return new AccessRunResult(0, 0);
        if (records > 0)
        {
            _dataAccess ??= GetStreamProvider(ProviderNames.DefaultStreams)
                .GetStream<AccessBatch>(StreamId.Create(PipelineStreams.DataAccess, Id));
            await _dataAccess.OnNextAsync(new AccessBatch { StrategyId = Id, Version = _state.State.Version, Items = items });
        }
        if (AccessIsDirty() && (persistNow || now - _accessWrittenAt >= AccessWriteSpacing())) await WriteAccessStateAsync(now);
        return new AccessRunResult(points, records);
    }

    private bool AccessIsDirty()
    {
        foreach (var accessor in _accessors)
        {
            if (accessor.IsDirty) return true;
        }
        return false;
    }

    private int AccessWriteSpacing()
    {
        var spacing = int.MaxValue;
        foreach (var accessor in _accessors) spacing = Math.Min(spacing, accessor.Plan.AggInterval);
        return spacing;
    }

    private async Task WriteAccessStateAsync(long now)
    {
        foreach (var accessor in _accessors) _access.State.Items[accessor.ItemId] = accessor.State();
        await _access.WriteStateAsync();
        _accessWrittenAt = now;
    }
}
