using BkMonitor.GrainInterfaces.Actions;
using BkMonitor.Runtime;

namespace BkMonitor.Grains.Actions;

/// <summary>The action configs and user groups of the cluster, validated on create, ids assigned from 1.</summary>
internal sealed class ActionRegistryGrain : Grain, IActionRegistryGrain
{
    private readonly IPersistentState<ActionRegistryState> _state;

    public ActionRegistryGrain([PersistentState("action_registry")] IPersistentState<ActionRegistryState> state) => _state = state;

    public async Task<RegistrySaveResult> AddActionConfigAsync(ActionConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var errors = ActionConfigValidator.Validate(config);
        if (errors.Count > 0) return new RegistrySaveResult(null, null, errors);
        var state = _state.State;
        var stored = config with { Id = ++state.LastConfigId };
        state.Configs[stored.Id] = stored;
        await _state.WriteStateAsync();
        return new RegistrySaveResult(stored, null, errors);
    }

    public Task<ActionConfig?> GetActionConfigAsync(int id) =>
        Task.FromResult(_state.State.Configs.TryGetValue(id, out var config) ? config : null);

    public async Task<RegistrySaveResult> AddUserGroupAsync(UserGroup group)
    {
        ArgumentNullException.ThrowIfNull(group);
        var errors = UserGroupValidator.Validate(group);
        if (errors.Count > 0) return new RegistrySaveResult(null, null, errors);
        var state = _state.State;
        var stored = group with { Id = ++state.LastGroupId };
        state.Groups[stored.Id] = stored;
        await _state.WriteStateAsync();
        return new RegistrySaveResult(null, stored, errors);
    }

    public Task<UserGroup?> GetUserGroupAsync(int id) =>
        Task.FromResult(_state.State.Groups.TryGetValue(id, out var group) ? group : null);
}

/// <summary>Persisted registry: configs and groups by id, and the last ids handed out.</summary>
public sealed class ActionRegistryState
{
    public Dictionary<int, ActionConfig> Configs { get; set; } = [];
    public Dictionary<int, UserGroup> Groups { get; set; } = [];
    public int LastConfigId { get; set; }
    public int LastGroupId { get; set; }
}
