namespace BkMonitor.Grains.Access;

/// <summary>One queried point: a value of a series (its dimensions) at an epoch-second time; null = no value.</summary>
public sealed record DataPoint(string? Metric, IReadOnlyDictionary<string, string?> Dimensions, long Time, double? Value);
