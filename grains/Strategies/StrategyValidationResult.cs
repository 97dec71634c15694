using BkMonitor.GrainInterfaces.Strategies;

namespace BkMonitor.Grains.Strategies;

/// <summary>The typed strategy when the JSON was valid; otherwise field-level errors keyed by JSON path.</summary>
public sealed record StrategyValidationResult(Strategy? Strategy, Dictionary<string, List<string>> Errors)
{
    public bool IsValid => Strategy is not null && Errors.Count == 0;
}
