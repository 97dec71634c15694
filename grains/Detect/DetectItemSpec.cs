using System.Text.Json;

namespace BkMonitor.Grains.Detect;

/// <summary>One algorithm of a strategy item: <c>{level, type, config, unit_prefix}</c>.</summary>
internal sealed record AlgorithmSpec(int Level, string Type, JsonElement Config, string? UnitPrefix = null);

/// <summary>
/// What detect needs from a strategy item: ids, the item name (message prefix), the unit of its first
/// query config ("" for multi-metric items), the interval, the data type, its algorithms and the
/// detects' connectors per level (and | or; anything else means and).
/// </summary>
internal sealed record DetectItemSpec(
    long StrategyId,
    long ItemId,
    string ItemName,
    string? Unit,
    int AggInterval,
    string? DataTypeLabel,
    IReadOnlyList<AlgorithmSpec> Algorithms,
    IReadOnlyDictionary<int, string>? Connectors = null);
