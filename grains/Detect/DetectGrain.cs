using BkMonitor.GrainInterfaces.Access;
using BkMonitor.GrainInterfaces.Detect;
using BkMonitor.GrainInterfaces.Pipeline;
using BkMonitor.GrainInterfaces.Strategies;
using BkMonitor.Grains.Access;
using BkMonitor.Grains.Hosting;
using BkMonitor.Runtime;
using Microsoft.Extensions.Logging;

namespace BkMonitor.Grains.Detect;

/// <summary>
/// Detect for one strategy: consumes its <c>data_access</c> stream, compiles the strategy once per config
/// version (fetched from the strategy grain when a batch carries a newer one), reads history from the
/// built-in store in whole buckets, and publishes each batch's anomalies on <c>anomaly_detect</c>.
/// Detection is a pure function of the records and history, so a redelivered batch only repeats work;
/// trigger drops what it adds nothing to.
/// </summary>
[ImplicitStreamSubscription(PipelineStreams.DataAccess)]
internal sealed class DetectGrain : Grain, IDetectGrain, IAsyncObserver<AccessBatch>
{
    private readonly PipelineServices _services;
    private readonly ILogger<DetectGrain> _logger;
    private StrategyDetector? _detector;
    private IAsyncStream<AnomalyBatch>? _anomalies;
    private StreamSequenceToken? _lastToken;
    private long _records;
    private long _anomalyCount;
    private long _duplicates;

    public DetectGrain(PipelineServices services, ILogger<DetectGrain> logger)
    {
        _services = services;
        _logger = logger;
    }

    private long Id => this.GetPrimaryKeyLong();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var streams = GetStreamProvider(ProviderNames.DefaultStreams);
        _anomalies = streams.GetStream<AnomalyBatch>(StreamId.Create(PipelineStreams.AnomalyDetect, Id));
        await streams.GetStream<AccessBatch>(StreamId.Create(PipelineStreams.DataAccess, Id)).SubscribeAsync(this);
    }

    public Task<DetectStats> GetStatsAsync() => Task.FromResult(new DetectStats(_records, _anomalyCount, _duplicates));

    public Task<CheckResultSlice> GetCheckResultsAsync(long itemId, string dimensionsMd5, int level, long from, long to) =>
        Task.FromResult(_detector?.CheckResults(itemId, dimensionsMd5, level, from, to) ?? CheckResultSlice.Empty);

    public async Task OnNextAsync(AccessBatch item, StreamSequenceToken? token = null)
    {
        if (token is not null && token == _lastToken)
        {
            _duplicates++;
            return;
        }
        var detector = await DetectorForAsync(item.Version);
        if (detector is null) return;
        List<AnomalyRecord> anomalies;
        try
        {
            anomalies = detector.Detect(item, TimeProvider.GetUtcNow().ToUnixTimeSeconds());
        }
        catch (Exception e)
        {
            PipelineLog.BatchFailed(_logger, e, Id, "detect", item.Version);
            return;
        }
        var records = item.RecordCount;
        _records += records;
        _anomalyCount += anomalies.Count;
        _services.Counters.OnDetect(records, anomalies.Count);
        if (anomalies.Count > 0)
        {
            await _anomalies!.OnNextAsync(new AnomalyBatch { StrategyId = Id, Version = detector.Version, Anomalies = anomalies });
        }
        _lastToken = token;
    }

    /// <summary>The compiled strategy for a batch; a batch of an older version uses the current one (items match by id).</summary>
    private async Task<StrategyDetector?> DetectorForAsync(long version)
    {
        if (_detector is not null && _detector.Version >= version) return _detector;
        var snapshot = await GrainFactory.GetGrain<IStrategyGrain>(Id).GetSnapshotAsync();
        if (snapshot is null)
        {
            PipelineLog.StrategyGone(_logger, Id, "detect");
            return null;
        }
        var compiled = new StrategyDetector(snapshot.Strategy, snapshot.Version, LoaderFor);
        _detector?.CarryCheckResultsTo(compiled);
        _detector = compiled;
        return _detector;
    }

    private IHistoryBucketLoader? LoaderFor(StrategyItem item)
    {
        var plan = ItemQueryPlan.Create(item);
        return plan.Kind == ItemSourceKind.BuiltIn ? new StoreHistoryLoader(_services.Store, plan) : null;
    }
}
