using System.Text.Json;

namespace BkMonitor.Grains.Strategies;

/// <summary>Checks one algorithm's config at save time; messages are reported under <c>…algorithms[i].config</c>.</summary>
public interface IAlgorithmConfigValidator
{
    IReadOnlyList<string> Validate(string type, JsonElement config);
}
