using BkMonitor.Runtime.Hosting;
using BkMonitor.Runtime.Membership;

namespace BkMonitor.Runtime.Diagnostics;

/// <summary>The runtime's entry in <c>/healthz</c>: this silo's status, its activations, the live silos.</summary>
internal sealed class RuntimeHealthReporter(Silo silo, IMembershipOracle membership) : IHealthReporter
{
    public string Namespace => "runtime";

    public Task<HealthReport> CheckAsync(CancellationToken cancellationToken)
    {
        var active = 0;
        foreach (var member in membership.Members)
        {
            if (member.Status == SiloStatus.Active)
            {
                active++;
            }
        }
        var status = silo.Status switch
        {
            SiloStatus.Active => HealthReport.Ok,
            SiloStatus.Dead => HealthReport.Failing,
            _ => HealthReport.Degraded,
        };
        var report = new HealthReport(
            Namespace,
            status,
            $"silo {silo.Address} is {silo.Status.ToString().ToLowerInvariant()}; {active} active silo(s)",
            [
                new HealthMetric("activations", silo.ActivationCount),
                new HealthMetric("silos_active", active),
            ]);
        return Task.FromResult(report);
    }
}
