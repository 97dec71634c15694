using BkMonitor.Runtime.Membership;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace BkMonitor.Runtime.Hosting;

/// <summary>Turns <see cref="TableMembershipOracle.SelfDeclaredDead"/> into a host stop (its grains already live elsewhere).</summary>
internal sealed class SelfDeathWatcher(IServiceProvider services) : IHostedService
{
    private TableMembershipOracle? _oracle;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _oracle = services.GetRequiredService<TableMembershipOracle>();
        _oracle.SelfDeclaredDead += OnSelfDeclaredDead;
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        if (_oracle is not null)
        {
            _oracle.SelfDeclaredDead -= OnSelfDeclaredDead;
        }
        return Task.CompletedTask;
    }

    private void OnSelfDeclaredDead(string reason)
    {
        Environment.ExitCode = 70;
        services.GetService<IHostApplicationLifetime>()?.StopApplication();
    }
}
