using System.Globalization;

namespace BkMonitor.GrainInterfaces.Alerts;

/// <summary>
/// Where an open alert is watched: its strategy's <see cref="IAlertManagerGrain"/> (key: the strategy id, 0 for
/// alerts without one) and, under it, one of <see cref="ShardCount"/> <see cref="IAlertWatchListGrain"/>s (key:
/// <c>"{strategy_id}.{shard}"</c>, the shard being the first three hex digits of the dedupe md5), so that storing a
/// watch writes a small set even for a strategy with 100,000 open alerts. A watch list key is shaped like an
/// <see cref="AlertGrainKey"/>, so alarm cluster routing places it with its strategy's alerts.
/// </summary>
public static class AlertWatchKey
{
    public const int ShardCount = 4096;
    private const int ShardDigits = 3;

    /// <summary>The manager key of the alert grain <paramref name="alertKey"/>.</summary>
    public static string ManagerOf(string alertKey) => Parse(alertKey).StrategyId.ToString(CultureInfo.InvariantCulture);

    /// <summary>The shard of the alert grain <paramref name="alertKey"/> under its manager.</summary>
    public static int ShardOf(string alertKey) => Shard(Parse(alertKey).DedupeMd5);

    /// <summary>The watch list key of shard <paramref name="shard"/> of manager <paramref name="strategyId"/>.</summary>
    public static string WatchList(long strategyId, int shard)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(shard);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(shard, ShardCount);
        return string.Create(CultureInfo.InvariantCulture, $"{strategyId}.{shard}");
    }

    /// <summary>The watch list key of the alert grain <paramref name="alertKey"/>.</summary>
    public static string WatchListOf(string alertKey)
    {
        var (strategyId, md5) = Parse(alertKey);
        return WatchList(strategyId, Shard(md5));
    }

    /// <summary>Splits a watch list key into its manager's strategy id and its shard.</summary>
    public static bool TryParseWatchList(string key, out long strategyId, out int shard)
    {
        shard = 0;
        return AlertGrainKey.TryParse(key, out strategyId, out var text)
            && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out shard) && shard < ShardCount;
    }

    // md5s are lower-case hex; anything else still lands on a stable shard.
    private static int Shard(string dedupeMd5)
    {
        var value = 0;
        for (var i = 0; i < ShardDigits; i++)
        {
            value = value * 16 + (i < dedupeMd5.Length ? HexValue(dedupeMd5[i]) : 0);
        }
        return value % ShardCount;
    }

    private static int HexValue(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'a' and <= 'f' => c - 'a' + 10,
        >= 'A' and <= 'F' => c - 'A' + 10,
        _ => c % 16,
    };

    private static (long StrategyId, string DedupeMd5) Parse(string alertKey) =>
        AlertGrainKey.TryParse(alertKey, out var strategyId, out var md5)
            ? (strategyId, md5)
            : throw new ArgumentException($"'{alertKey}' is not an alert grain key", nameof(alertKey));
}
