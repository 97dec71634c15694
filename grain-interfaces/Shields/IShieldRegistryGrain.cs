using BkMonitor.GrainInterfaces.Alerts;
using BkMonitor.Runtime;

namespace BkMonitor.GrainInterfaces.Shields;

/// <summary>The alarm shields of the cluster (key <see cref="GlobalKey"/>): validated on create, ids assigned from 1, matched against alerts.</summary>
public interface IShieldRegistryGrain : IGrainWithStringKey
{
    public const string GlobalKey = "global";

    Task<ShieldSaveResult> CreateAsync(ShieldConfig shield);

    [AlwaysInterleave]
    Task<ShieldConfig?> GetAsync(long id);

    [AlwaysInterleave]
    Task<ShieldPage> ListAsync(ShieldQuery query);

    /// <summary>Ends the shield now (it stays readable, with <c>delete_time</c>); null when the id is unknown.</summary>
    Task<ShieldConfig?> DeleteAsync(long id);

    /// <summary>Whether a shield covers the alert at <paramref name="now"/> (epoch seconds), in the business's time zone.</summary>
    [AlwaysInterleave]
    Task<ShieldMatch> MatchAsync(AlertSnapshot alert, long now);

    /// <summary>
    /// The shields in force (not deleted) with the registry's version, or null when <paramref name="knownVersion"/> is
    /// still current: what a silo-local copy needs to match many alerts without a call each.
    /// </summary>
    [AlwaysInterleave]
    Task<ShieldSetVersion?> GetIfChangedAsync(long knownVersion);
}

/// <summary>The stored shield (with its id), or field errors keyed by JSON path (then nothing was stored).</summary>
public sealed record ShieldSaveResult(ShieldConfig? Shield, IReadOnlyDictionary<string, List<string>> Errors)
{
    public bool IsValid => Errors.Count == 0;
}

/// <summary>Whether an alert is shielded, and by which shield until when (epoch seconds).</summary>
/// <summary>The shields in force at one version of the registry.</summary>
public sealed record ShieldSetVersion(long Version, IReadOnlyList<ShieldConfig> Shields);

public sealed record ShieldMatch(bool IsShielded, long? ShieldId, long? EndTime)
{
    public static ShieldMatch None { get; } = new(false, null, null);
}

/// <summary>A shield listing: optional business, <c>active</c>/<c>expired</c> status, page from 1.</summary>
public sealed record ShieldQuery(long? BkBizId, string? Status, int Page, int PageSize)
{
    public const string Active = "active";
    public const string Expired = "expired";
}

/// <summary>One page of shields, ordered by id, and how many match the query in total.</summary>
public sealed record ShieldPage(IReadOnlyList<ShieldConfig> Items, int Total);
