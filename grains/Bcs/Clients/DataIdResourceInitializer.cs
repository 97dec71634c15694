namespace BkMonitor.Grains.Bcs.Clients;

/// <summary>
/// bk-monitor's init_resource: one DataID resource per data source of the cluster, all attempted even
/// when one fails, so a single bad resource does not hide the state of the others.
/// </summary>
internal sealed class DataIdResourceInitializer(KubernetesDataIdClient kubernetes)
{
    public async Task<DataIdInitResult> InitAsync(BcsClusterState cluster, bool isFederated, BcsReplaceConfig replace, CancellationToken cancellationToken)
    {
        var outcomes = new Dictionary<string, DataIdUpsertOutcome>(StringComparer.Ordinal);
        var errors = new List<string>();
        foreach (var spec in DataIdResourceBuilder.SpecsToDeploy(isFederated))
        {
            var desired = DataIdResourceBuilder.Build(cluster, spec, isFederated, replace);
            var name = desired["metadata"]!["name"]!.GetValue<string>();
            try
            {
                outcomes[name] = await kubernetes.UpsertAsync(cluster, desired, cancellationToken);
            }
            catch (KubernetesApiException ex)
            {
                errors.Add(ex.Message);
            }
        }
        return new DataIdInitResult(errors.Count == 0, outcomes, errors);
    }
}

internal sealed record DataIdInitResult(bool Succeeded, IReadOnlyDictionary<string, DataIdUpsertOutcome> Outcomes, IReadOnlyList<string> Errors);
