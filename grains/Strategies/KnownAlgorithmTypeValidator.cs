using System.Text.Json;

namespace BkMonitor.Grains.Strategies;

/// <summary>
/// Minimal <see cref="IAlgorithmConfigValidator"/>: accepts any config of a known algorithm type. The
/// detect stage supplies the real, per-algorithm validator.
/// </summary>
public sealed class KnownAlgorithmTypeValidator : IAlgorithmConfigValidator
{
    public IReadOnlyList<string> Validate(string type, JsonElement config) =>
        AlgorithmTypes.All.Contains(type) ? [] : [$"unknown algorithm type '{type}'"];
}
