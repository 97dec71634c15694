using BkMonitor.Runtime;

namespace BkMonitor.GrainInterfaces.Actions;

/// <summary>The actions of one alert (key: alert id), fed by the <c>action_notice</c> stream.</summary>
public interface IActionGrain : IGrainWithStringKey
{
    [AlwaysInterleave]
    Task<IReadOnlyList<ActionInstance>> ListAsync();
}
