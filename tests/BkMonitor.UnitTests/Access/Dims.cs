namespace BkMonitor.UnitTests.Access;

/// <summary>Dimension dictionaries for matcher tests.</summary>
internal static class Dims
{
    public static Dictionary<string, string?> Of(params (string Key, string? Value)[] pairs) =>
        pairs.ToDictionary(p => p.Key, p => p.Value);
}
