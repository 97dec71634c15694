using BkMonitor.GrainInterfaces.Alerts;
using BkMonitor.GrainInterfaces.Shields;
using BkMonitor.Grains.Hosting;
using BkMonitor.Runtime;

namespace BkMonitor.Grains.Shields;

/// <summary>
/// The shields of the cluster, validated on create, ids assigned from 1; a deleted shield is kept with its
/// <c>delete_time</c> so listings show it as expired. Matching runs on shields compiled once per change.
/// </summary>
internal sealed class ShieldRegistryGrain : Grain, IShieldRegistryGrain
{
    private readonly IPersistentState<ShieldRegistryState> _state;
    private readonly AlarmServices _services;
    private ShieldSet? _compiled;

    public ShieldRegistryGrain([PersistentState("shield_registry")] IPersistentState<ShieldRegistryState> state, AlarmServices services)
    {
        _state = state;
        _services = services;
    }

    private long Now => TimeProvider.GetUtcNow().ToUnixTimeSeconds();

    private ShieldSet Compiled => _compiled ??= ShieldSet.Of(_state.State.Shields.Values);

    public async Task<ShieldSaveResult> CreateAsync(ShieldConfig shield)
    {
        ArgumentNullException.ThrowIfNull(shield);
        var errors = ShieldValidator.Validate(shield);
        if (errors.Count > 0) return new ShieldSaveResult(null, errors);
        var state = _state.State;
        var stored = shield with
        {
            Id = ++state.LastId,
            DeleteTime = null,
            CycleConfig = shield.CycleConfig ?? new ShieldCycleConfig(),
            DimensionConfig = shield.DimensionConfig ?? new ShieldDimensionConfig(),
        };
        state.Shields[stored.Id] = stored;
        state.Version++;
        await _state.WriteStateAsync();
        Compiled.Put(stored);
        return new ShieldSaveResult(stored, errors);
    }

    public Task<ShieldConfig?> GetAsync(long id) =>
        Task.FromResult(_state.State.Shields.TryGetValue(id, out var shield) ? shield : null);

    public Task<ShieldPage> ListAsync(ShieldQuery query) => Task.FromResult(ShieldListing.Page(_state.State.Shields.Values, query, Now));

    public async Task<ShieldConfig?> DeleteAsync(long id)
    {
        var state = _state.State;
        if (!state.Shields.TryGetValue(id, out var shield)) return null;
        if (shield.DeleteTime is not null) return shield;
        var ended = shield with { DeleteTime = Now };
        state.Shields[id] = ended;
        state.Version++;
        await _state.WriteStateAsync();
        Compiled.Put(ended);
        return ended;
    }

    public Task<ShieldMatch> MatchAsync(AlertSnapshot alert, long now) =>
        Task.FromResult(Compiled.Match(alert, DateTimeOffset.FromUnixTimeSeconds(now), _services.Options.TimeZone));

    public Task<ShieldSetVersion?> GetIfChangedAsync(long knownVersion)
    {
        var state = _state.State;
        if (knownVersion == state.Version) return Task.FromResult<ShieldSetVersion?>(null);
        return Task.FromResult<ShieldSetVersion?>(new ShieldSetVersion(state.Version, [.. state.Shields.Values.Where(s => s.DeleteTime is null)]));
    }
}

/// <summary>Persisted registry: shields by id and the last id handed out.</summary>
public sealed class ShieldRegistryState
{
    public Dictionary<long, ShieldConfig> Shields { get; set; } = [];
    public long LastId { get; set; }

    /// <summary>Raised by every create and delete (silo-local copies fetch the shields again when it moved).</summary>
    public long Version { get; set; }
}
