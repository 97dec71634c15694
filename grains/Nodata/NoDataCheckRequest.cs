namespace BkMonitor.Grains.Nodata;

/// <summary>The strategy item facts one nodata check needs.</summary>
internal sealed record NoDataCheckRequest
{
    public required long StrategyId { get; init; }
    public required long ItemId { get; init; }

    /// <summary>The item (metric) name shown in the anomaly message.</summary>
    public required string ItemName { get; init; }

    /// <summary>agg_interval of the item's first query config, in seconds.</summary>
    public required int AggInterval { get; init; }

    /// <summary>no_data_config.level (default 2).</summary>
    public int Level { get; init; } = 2;

    /// <summary>no_data_config.agg_dimension.</summary>
    public IReadOnlyList<string> AggDimensions { get; init; } = [];

    /// <summary>Instances of the configured monitoring target (dimension dicts); null when no target is configured.</summary>
    public IReadOnlyList<IReadOnlyDictionary<string, string>>? TargetInstances { get; init; }

    /// <summary>The item's monitoring condition; expected dimension sets it rejects are not checked.</summary>
    public Func<IReadOnlyDictionary<string, string>, bool>? IsInRange { get; init; }
}
