namespace BkMonitor.Grains.Nodata;

/// <summary>A data point as the nodata check sees it: only its dimensions and time matter.</summary>
internal readonly record struct NoDataPoint(IReadOnlyDictionary<string, string> Dimensions, long Time);
