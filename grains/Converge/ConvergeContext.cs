using System.Globalization;
using BkMonitor.GrainInterfaces.Actions;
using BkMonitor.Grains.Hashing;

namespace BkMonitor.Grains.Converge;

/// <summary>
/// The converge dimension values of one action instance (bk-monitor's converge context). Absent
/// dimensions (no notice way on a webhook action) are simply missing and never match.
/// </summary>
internal sealed class ConvergeContext
{
    private readonly Dictionary<string, string> _values;

    private ConvergeContext(Dictionary<string, string> values) => _values = values;

    public IReadOnlyDictionary<string, string> Values => _values;

    public string? Get(string dimension) => _values.GetValueOrDefault(dimension);

    public static ConvergeContext FromValues(IReadOnlyDictionary<string, string> values) =>
        new(new Dictionary<string, string>(values, StringComparer.Ordinal));

    /// <param name="dimensionsHash">See <see cref="HashDimensions"/>.</param>
    /// <param name="userType">"follower" for follower notices; prefixes <c>group_notice_way</c>.</param>
    public static ConvergeContext Create(
        int strategyId,
        string alertName,
        int bkBizId,
        int alertLevel,
        string signal,
        string dimensionsHash,
        int actionConfigId,
        string? noticeWay = null,
        string? noticeReceiver = null,
        string? userType = null)
    {
        var sid = strategyId.ToString(CultureInfo.InvariantCulture);
        var level = alertLevel.ToString(CultureInfo.InvariantCulture);
        // Python's truthiness: strategy 0 (third-party alerts) falls back to the alert name.
        var alertInfo = $"{(strategyId != 0 ? sid : alertName)}_{level}_{signal}_{dimensionsHash}";
        var values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [ConvergeDimension.StrategyId] = sid,
            [ConvergeDimension.Dimensions] = dimensionsHash,
            [ConvergeDimension.AlertName] = alertName,
            [ConvergeDimension.BkBizId] = bkBizId.ToString(CultureInfo.InvariantCulture),
            [ConvergeDimension.AlertLevel] = level,
            [ConvergeDimension.Signal] = signal,
            [ConvergeDimension.AlertInfo] = alertInfo,
            // str(None) is "None": bk-monitor formats missing way/receiver that way.
            [ConvergeDimension.NoticeInfo] = $"{alertInfo}_{noticeWay ?? "None"}_{noticeReceiver ?? "None"}",
            [ConvergeDimension.ActionInfo] = $"{sid}_{signal}_{actionConfigId.ToString(CultureInfo.InvariantCulture)}",
        };
        if (noticeWay is not null)
        {
            values[ConvergeDimension.NoticeWay] = noticeWay;
            values[ConvergeDimension.GroupNoticeWay] = string.IsNullOrEmpty(userType) ? noticeWay : $"{userType}_{noticeWay}";
        }
        if (noticeReceiver is not null) values[ConvergeDimension.NoticeReceiver] = noticeReceiver;
        return new ConvergeContext(values);
    }

    /// <summary><c>count_md5</c> of the alert's dimensions with empty values dropped, as bk-monitor hashes them.</summary>
    public static string HashDimensions(IEnumerable<AlertDimension> dimensions)
    {
        var truthy = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var d in dimensions)
        {
            if (!string.IsNullOrEmpty(d.Value)) truthy[d.Key] = d.Value;
        }
        return CountMd5.Of(truthy);
    }
}
