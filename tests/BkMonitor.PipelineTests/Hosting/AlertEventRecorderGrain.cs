using BkMonitor.GrainInterfaces.Pipeline;
using BkMonitor.GrainInterfaces.Trigger;
using BkMonitor.Runtime;

namespace BkMonitor.PipelineTests.Hosting;

/// <summary>A stand-in for the alert stage: one per dedupe key, recording what arrives on <c>alert_event</c>.</summary>
public interface IAlertEventRecorderGrain : IGrainWithStringKey
{
    Task<int> CountAsync();
}

[ImplicitStreamSubscription(PipelineStreams.AlertEvent)]
internal sealed class AlertEventRecorderGrain : Grain, IAlertEventRecorderGrain, IAsyncObserver<TriggerEvent>
{
    private readonly AlertEventLog _log;
    private int _count;

    public AlertEventRecorderGrain(AlertEventLog log) => _log = log;

    public override Task OnActivateAsync(CancellationToken cancellationToken) =>
        GetStreamProvider(ProviderNames.DefaultStreams)
            .GetStream<TriggerEvent>(StreamId.Create(PipelineStreams.AlertEvent, this.GetPrimaryKeyString()))
            .SubscribeAsync(this);

    public Task<int> CountAsync() => Task.FromResult(_count);

    public Task OnNextAsync(TriggerEvent item, StreamSequenceToken? token = null)
    {
        _count++;
        _log.Add(this.GetPrimaryKeyString(), item);
        return Task.CompletedTask;
    }
}
