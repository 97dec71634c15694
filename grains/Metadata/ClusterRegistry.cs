using BkMonitor.GrainInterfaces.Metadata;

namespace BkMonitor.Grains.Metadata;

/// <summary>
/// Storage cluster bookkeeping over <see cref="ClusterRegistryState"/>: unique names, at most one default
/// per cluster type (a new default unsets the old one), and secrets encrypted at rest.
/// </summary>
internal sealed class ClusterRegistry(ClusterRegistryState state, ISecretProtector protector)
{
    public ClusterInfoView Register(ClusterInfo request, long now)
    {
        Validate(request, exceptId: null);
        var id = state.NextClusterId++;
        var stored = Protect(request with { ClusterId = id, CreateTime = now, UpdateTime = now }, id);
        state.Clusters.Add(stored);
        if (stored.IsDefaultCluster)
        {
            ClearOtherDefaults(stored, now);
        }
        return stored.ToView();
    }

    /// <summary>Replaces a cluster's settings; a null password or SSL key keeps the stored one, an empty one clears it.</summary>
    public ClusterInfoView Update(int clusterId, ClusterInfo changes, long now)
    {
        var index = IndexOf(clusterId);
        var current = Reveal(state.Clusters[index]);
        var merged = changes with
        {
            ClusterId = clusterId,
            CreateTime = current.CreateTime,
            UpdateTime = now,
            Password = changes.Password ?? current.Password,
            SslCertificateKey = changes.SslCertificateKey ?? current.SslCertificateKey,
        };
        Validate(merged, clusterId);
        var stored = Protect(merged, clusterId);
        state.Clusters[index] = stored;
        if (stored.IsDefaultCluster)
        {
            ClearOtherDefaults(stored, now);
        }
        return stored.ToView();
    }

    public ClusterInfoView SetDefault(int clusterId, long now)
    {
        var index = IndexOf(clusterId);
        var cluster = state.Clusters[index];
        if (!cluster.IsDefaultCluster)
        {
            cluster = cluster with { IsDefaultCluster = true, UpdateTime = now };
            state.Clusters[index] = cluster;
        }
        ClearOtherDefaults(cluster, now);
        return cluster.ToView();
    }

    public bool Remove(int clusterId) => state.Clusters.RemoveAll(c => c.ClusterId == clusterId) > 0;

    public ClusterInfoView? Find(int clusterId) => state.Clusters.Find(c => c.ClusterId == clusterId)?.ToView();

    public ClusterInfoView? DefaultOf(string clusterType) =>
        state.Clusters.Find(c => c.IsDefaultCluster && c.ClusterType == clusterType)?.ToView();

    public IReadOnlyList<ClusterInfoView> List(string? clusterType = null) =>
        [.. state.Clusters.Where(c => clusterType is null || c.ClusterType == clusterType).Select(c => c.ToView())];

    /// <summary>The cluster with its secrets decrypted, for opening connections; never for API output.</summary>
    public ClusterInfo RevealCredentials(int clusterId) => Reveal(state.Clusters[IndexOf(clusterId)]);

    private void Validate(ClusterInfo cluster, int? exceptId)
    {
        var errors = ClusterInfoValidator.Validate(cluster);
        if (state.Clusters.Exists(c => c.ClusterName == cluster.ClusterName && c.ClusterId != exceptId))
        {
            errors.TryAdd("cluster_name", []);
            errors["cluster_name"].Add($"a cluster named '{cluster.ClusterName}' already exists");
        }
        if (errors.Count > 0)
        {
            throw new ClusterValidationException(errors);
        }
    }

    private void ClearOtherDefaults(ClusterInfo keep, long now)
    {
        for (var i = 0; i < state.Clusters.Count; i++)
        {
            var other = state.Clusters[i];
            if (other.IsDefaultCluster && other.ClusterType == keep.ClusterType && other.ClusterId != keep.ClusterId)
            {
                state.Clusters[i] = other with { IsDefaultCluster = false, UpdateTime = now };
            }
        }
    }

    private int IndexOf(int clusterId)
    {
        var index = state.Clusters.FindIndex(c => c.ClusterId == clusterId);
        return index >= 0 ? index : throw new KeyNotFoundException($"storage cluster {clusterId} does not exist");
    }

    private ClusterInfo Protect(ClusterInfo cluster, int id) => cluster with
    {
        Password = ProtectOrNull(cluster.Password, PasswordPurpose(id)),
        SslCertificateKey = ProtectOrNull(cluster.SslCertificateKey, SslKeyPurpose(id)),
    };

    private ClusterInfo Reveal(ClusterInfo stored) => stored with
    {
        Password = stored.Password is null ? null : protector.Unprotect(stored.Password, PasswordPurpose(stored.ClusterId)),
        SslCertificateKey = stored.SslCertificateKey is null ? null : protector.Unprotect(stored.SslCertificateKey, SslKeyPurpose(stored.ClusterId)),
    };

    private string? ProtectOrNull(string? secret, string purpose) => string.IsNullOrEmpty(secret) ? null : protector.Protect(secret, purpose);

    private static string PasswordPurpose(int id) => $"cluster:{id}:password";

    private static string SslKeyPurpose(int id) => $"cluster:{id}:ssl_certificate_key";
}
