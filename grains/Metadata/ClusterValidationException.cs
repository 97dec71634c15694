namespace BkMonitor.Grains.Metadata;

/// <summary>A storage cluster change was rejected; <see cref="Errors"/> names each offending field.</summary>
public sealed class ClusterValidationException(IReadOnlyDictionary<string, List<string>> errors)
    : Exception("invalid cluster: " + string.Join("; ", errors.Select(e => $"{e.Key}: {string.Join(", ", e.Value)}")))
{
    public IReadOnlyDictionary<string, List<string>> Errors { get; } = errors;
}
