using BkMonitor.Runtime.Diagnostics;
using Microsoft.Extensions.Logging;

namespace BkMonitor.Runtime.Hosting;

/// <summary>Starts lifecycle participants in ascending stage order and stops the started ones in reverse.</summary>
internal sealed class SiloLifecycle(IEnumerable<ISiloLifecycleParticipant> participants, ILogger logger)
{
    // OrderBy is stable: within a stage, registration order.
    private readonly ISiloLifecycleParticipant[] _ordered = participants.OrderBy(p => p.Stage).ToArray();
    private readonly List<ISiloLifecycleParticipant> _started = [];

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var participant in _ordered)
        {
            try
            {
                await participant.StartAsync(cancellationToken);
            }
            catch (Exception ex)
            {
                RuntimeLog.LifecycleParticipantFailed(logger, ex, participant.GetType().Name, participant.Stage, "start");
                await StopAsync(cancellationToken);
                throw;
            }
            _started.Add(participant);
        }
    }

    /// <summary>Stops in reverse order; a failing participant is logged and the others still stop.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        for (var i = _started.Count - 1; i >= 0; i--)
        {
            var participant = _started[i];
            try
            {
                await participant.StopAsync(cancellationToken);
            }
            catch (Exception ex)
            {
                RuntimeLog.LifecycleParticipantFailed(logger, ex, participant.GetType().Name, participant.Stage, "stop");
            }
        }
        _started.Clear();
    }
}
