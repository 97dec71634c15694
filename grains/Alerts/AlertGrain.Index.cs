namespace BkMonitor.Grains.Alerts;

/// <summary>How this dedupe key's alerts reach the alert index.</summary>
internal sealed partial class AlertGrain
{
    /// <summary>Queues the changed alerts for the index, after their state is written.</summary>
    private async Task IndexAsync(IReadOnlyList<AlertRecord> changed)
    {
        foreach (var alert in changed) await _services.Index.UpsertAsync(alert.ToSnapshot());
    }

    /// <summary>
    /// The state is the source of truth: on activation every kept alert is queued again, so an index write lost
    /// with a silo (queued, not yet written) heals. The index ignores the ones it already holds at this version.
    /// </summary>
    private async Task ReindexAsync()
    {
        var state = _state.State;
        if (state.Current is { } current) await _services.Index.UpsertAsync(current.ToSnapshot());
        foreach (var alert in state.Ended) await _services.Index.UpsertAsync(alert.ToSnapshot());
    }
}
