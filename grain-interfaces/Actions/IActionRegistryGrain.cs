using BkMonitor.Runtime;

namespace BkMonitor.GrainInterfaces.Actions;

/// <summary>Action configs and user groups (key <see cref="GlobalKey"/>): ids assigned on create, read by the action grains.</summary>
public interface IActionRegistryGrain : IGrainWithStringKey
{
    public const string GlobalKey = "global";

    Task<RegistrySaveResult> AddActionConfigAsync(ActionConfig config);

    [AlwaysInterleave]
    Task<ActionConfig?> GetActionConfigAsync(int id);

    Task<RegistrySaveResult> AddUserGroupAsync(UserGroup group);

    [AlwaysInterleave]
    Task<UserGroup?> GetUserGroupAsync(int id);
}

/// <summary>The stored config or group (with its id), or field errors keyed by JSON path (then nothing was stored).</summary>
public sealed record RegistrySaveResult(ActionConfig? Config, UserGroup? Group, IReadOnlyDictionary<string, List<string>> Errors)
{
    public bool IsValid => Errors.Count == 0;
}
