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
    private IAsyncStream<AccessBatch>? _dataAccess;

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
                buckets = await source.QueryAsync(accessor.Plan.Query(window.From, window.Until), CancellationToken.None);
            }
            catch (Exception e) when (e is HttpRequestException or PrometheusQueryException or TaskCanceledException or InvalidOperationException)
            {
                PipelineLog.AccessQueryFailed(_logger, e, Id, accessor.ItemId);
                continue;
            }
            points += buckets.Count;
            var records = accessor.Pull(buckets, window, now);
            if (records.Count > 0) items.Add(new ItemRecords(accessor.ItemId, records));
        }
        return await PublishAsync(items, points);
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
            var plan = accessor.Plan;
            if (plan.Kind != ItemSourceKind.BuiltIn || plan.ResultTable != notice.ResultTableId) continue;
            foreach (var pushed in notice.Metrics)
            {
                if (pushed.Metric != plan.Metric) continue;
                var buckets = _services.Store.Query(plan.QueryCovering(pushed.MinTime, pushed.MaxTime));
                points += buckets.Count;
                var records = accessor.Push(buckets, now);
                if (records.Count > 0) items.Add(new ItemRecords(accessor.ItemId, records));
            }
        }
        return await PublishAsync(items, points);
    }

    private async Task<AccessRunResult> PublishAsync(List<ItemRecords> items, int points)
    {
        var records = 0;
        foreach (var item in items) records += item.Records.Count;
        _services.Counters.OnAccess(points, records);
        if (points == 0) return new AccessRunResult(0, 0);
        if (records > 0)
        {
            _dataAccess ??= GetStreamProvider(ProviderNames.DefaultStreams)
                .GetStream<AccessBatch>(StreamId.Create(PipelineStreams.DataAccess, Id));
            await _dataAccess.OnNextAsync(new AccessBatch { StrategyId = Id, Version = _state.State.Version, Items = items });
        }
        foreach (var accessor in _accessors) _access.State.Items[accessor.ItemId] = accessor.State();
        await _access.WriteStateAsync();
        return new AccessRunResult(points, records);
    }
}
