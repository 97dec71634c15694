using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using BkMonitor.GrainInterfaces.Actions;

namespace BkMonitor.Grains.Converge;

/// <summary>
/// A converge config made effective for one instance: notice actions forced to 120 s / count 1 /
/// <c>notice_info</c>, other actions defaulting to <c>action_info</c>, <c>"self"</c> resolved, and
/// the window and record key derived. <see cref="Resolve"/> returns null with a reason when the
/// instance does not converge at all.
/// </summary>
internal sealed class ConvergeSettings
{
    public const int NoticeTimedeltaSeconds = 120;

    private ConvergeSettings(string func, int count, int windowSeconds, Dictionary<string, HashSet<string>> match, string key, string description)
    {
        Func = func;
        Count = count;
        WindowSeconds = windowSeconds;
        MatchConditions = match;
        DimensionKey = key;
        Description = description;
    }

    public string Func { get; }

    public int Count { get; }

    /// <summary>Half width of the matching window: whole minutes of the timedelta, as bk-monitor floors it.</summary>
    public int WindowSeconds { get; }

    /// <summary>Dimension → accepted values; an instance matches when every dimension accepts its value.</summary>
    public IReadOnlyDictionary<string, HashSet<string>> MatchConditions { get; }

    public string DimensionKey { get; }

    public string Description { get; }

    public static ConvergeSettings? Resolve(ConvergeConfig? config, ConvergeSubject subject, out string reason)
    {
        if (config is null)
        {
            reason = "no converge config";
            return null;
        }
        var timedelta = config.Timedelta;
        var count = config.Count;
        var conditions = config.Condition;
        if (subject.PluginType == ActionPluginType.Notice)
        {
            timedelta = NoticeTimedeltaSeconds;
            count = 1;
            // Old data without notice_info keeps its configured conditions.
            if (subject.Context.Get(ConvergeDimension.NoticeInfo) is not null)
            {
                conditions = [new ConvergeCondition { Dimension = ConvergeDimension.NoticeInfo }];
            }
        }
        else if (conditions.Count == 0)
        {
            conditions = [new ConvergeCondition { Dimension = ConvergeDimension.ActionInfo }];
        }

        reason = !config.IsEnabled ? "converge disabled"
            : subject.IsParentAction ? "parent actions do not converge"
            : conditions.Count == 0 ? "illegal converge_config: no condition"
            : timedelta <= 0 ? "illegal converge_config, timedelta <= 0"
            : count < 0 ? "illegal converge_config, count < 0"
            : !ConvergeFunction.All.Contains(config.ConvergeFunc) ? $"illegal converge_config: unknown converge_func '{config.ConvergeFunc}'"
            : "";
        if (reason.Length > 0) return null;

        var windowMinutes = (config.MaxTimedelta ?? 0) / 60;
        if (windowMinutes == 0) windowMinutes = timedelta / 60;

        var match = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var c in conditions) match[c.Dimension] = [.. Resolved(c, subject.Context)];

        return new ConvergeSettings(
            config.ConvergeFunc, count, windowMinutes * 60, match,
            BuildKey(config.ConvergeFunc, conditions, config.Condition, subject.Context),
            Describe(timedelta, count, conditions));
    }

    private static IEnumerable<string> Resolved(ConvergeCondition condition, ConvergeContext context)
    {
        foreach (var v in condition.Value)
        {
            yield return v == ConvergeDimension.Self ? context.Get(condition.Dimension) ?? "" : v;
        }
    }

    // The record identity covers the effective conditions and the configured ones (bk-monitor merges
    // both, configured winning per dimension), sorted by dimension.
    private static string BuildKey(
        string func, IReadOnlyList<ConvergeCondition> effective, IReadOnlyList<ConvergeCondition> configured, ConvergeContext context)
    {
        var byDimension = new SortedDictionary<string, ConvergeCondition>(StringComparer.Ordinal);
        foreach (var c in effective) byDimension[c.Dimension] = c;
        foreach (var c in configured) byDimension[c.Dimension] = c;
        var sb = new StringBuilder("#").Append(func);
        foreach (var (dimension, condition) in byDimension)
        {
            foreach (var value in Resolved(condition, context)) sb.Append('|').Append(dimension).Append(':').Append(value);
        }
        return "!sha1#" + Convert.ToHexStringLower(SHA1.HashData(Encoding.UTF8.GetBytes(sb.ToString())));
    }

    private static string Describe(int timedelta, int count, IReadOnlyList<ConvergeCondition> conditions)
    {
        var dims = string.Join(",", conditions.Select(c => c.Dimension));
        return string.Create(CultureInfo.InvariantCulture,
            $"within {timedelta / 60} min, when {count} or more alerts share the same {dims} and run the same action, the rest converge");
    }
}
