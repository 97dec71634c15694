using System.Text.Json;
using BkMonitor.Grains.Strategies;

namespace BkMonitor.Grains.Detect;

/// <summary>
/// Checks algorithm configs at strategy save with the detect stage's own factory, so a config that would
/// not compile (an unknown method, a threshold that is not a number) is rejected with its field path.
/// </summary>
internal sealed class DetectAlgorithmConfigValidator(AlgorithmFactory? factory = null) : IAlgorithmConfigValidator
{
    private readonly AlgorithmFactory _factory = factory ?? AlgorithmFactory.Default;

    public static DetectAlgorithmConfigValidator Default { get; } = new();

    public IReadOnlyList<string> Validate(string type, JsonElement config) => _factory.Validate(type, config);
}
