using System.Globalization;
using BkMonitor.GrainInterfaces.Shields;

namespace BkMonitor.Grains.Shields;

/// <summary>Save-time validation of a shield; errors are keyed by JSON path.</summary>
internal static class ShieldValidator
{
    private static readonly string[] Methods = ["eq", "neq", "include", "exclude", "gt", "gte", "lt", "lte", "reg", "nreg"];

    public static Dictionary<string, List<string>> Validate(ShieldConfig shield)
    {
        ArgumentNullException.ThrowIfNull(shield);
        var errors = new Dictionary<string, List<string>>();
        void Add(string field, string message)
        {
            if (!errors.TryGetValue(field, out var list)) errors[field] = list = [];
            list.Add(message);
        }

        if (shield.BkBizId == 0) Add("bk_biz_id", "bk_biz_id is required");
        if (shield.BeginTime <= 0) Add("begin_time", "begin_time is required (epoch seconds)");
        if (shield.EndTime <= 0) Add("end_time", "end_time is required (epoch seconds)");
        else if (shield.EndTime < shield.BeginTime) Add("end_time", "end_time must not be before begin_time");
        ValidateCycle(shield.CycleConfig, Add);
        if (!ShieldCategory.All.Contains(shield.Category))
        {
            Add("category", $"unknown category '{shield.Category}'; expected one of {string.Join(", ", ShieldCategory.All)}");
            return errors;
        }
        ValidateDimensions(shield, shield.DimensionConfig ?? new ShieldDimensionConfig(), Add);
        return errors;
    }

    private static void ValidateCycle(ShieldCycleConfig? cycle, Action<string, string> add)
    {
        if (cycle is null) return;
        if (cycle.Type is < ShieldCycleConfig.Single or > ShieldCycleConfig.Monthly)
        {
            add("cycle_config.type", "type must be 1 (single), 2 (daily), 3 (weekly) or 4 (monthly)");
            return;
        }
        if (cycle.Type == ShieldCycleConfig.Single) return;
        if (!ShieldSchedule.TryParseTimeOfDay(cycle.BeginTime, out _)) add("cycle_config.begin_time", "begin_time must be HH:MM:SS");
        if (!ShieldSchedule.TryParseTimeOfDay(cycle.EndTime, out _)) add("cycle_config.end_time", "end_time must be HH:MM:SS");
        if (cycle.Type == ShieldCycleConfig.Weekly && cycle.WeekList.Count == 0) add("cycle_config.week_list", "a weekly shield needs week_list (Monday = 1)");
        if (cycle.Type == ShieldCycleConfig.Monthly && cycle.DayList.Count == 0) add("cycle_config.day_list", "a monthly shield needs day_list (1..31)");
        for (var i = 0; i < cycle.WeekList.Count; i++)
        {
            if (cycle.WeekList[i] is < 1 or > 7) add(Indexed("cycle_config.week_list", i), "weekday must be 1 (Monday) .. 7 (Sunday)");
        }
        for (var i = 0; i < cycle.DayList.Count; i++)
        {
            if (cycle.DayList[i] is < 1 or > 31) add(Indexed("cycle_config.day_list", i), "day must be 1..31");
        }
    }

    private static void ValidateDimensions(ShieldConfig shield, ShieldDimensionConfig config, Action<string, string> add)
    {
        switch (shield.Category)
        {
            case ShieldCategory.Scope:
                if (!ShieldScopeType.All.Contains(shield.ScopeType ?? ""))
                {
                    add("scope_type", $"scope_type must be one of {string.Join(", ", ShieldScopeType.All)}");
                }
                else if (shield.ScopeType != ShieldScopeType.Biz && !HasTarget(shield.ScopeType!, config))
                {
                    add("dimension_config.target", $"a '{shield.ScopeType}' scope needs at least one target");
                }
                break;
            case ShieldCategory.Strategy:
                if (config.StrategyIds is not { Count: > 0 }) add("dimension_config.strategy_id", "at least one strategy_id is required");
                break;
            case ShieldCategory.Alert:
                if (string.IsNullOrEmpty(config.AlertId)) add("dimension_config.alert_id", "alert_id is required");
                break;
            case ShieldCategory.Dimension:
                if (config.DimensionConditions is not { Count: > 0 }) add("dimension_config.dimension_conditions", "at least one condition is required");
                break;
        }
        if (config.Levels is { } levels)
        {
            for (var i = 0; i < levels.Count; i++)
            {
                if (levels[i] is < 1 or > 3) add(Indexed("dimension_config.level", i), "level must be 1 (fatal), 2 (warning) or 3 (remind)");
            }
        }
        if (config.DimensionConditions is { } conditions) ValidateConditions(conditions, add);
    }

    private static void ValidateConditions(IReadOnlyList<ShieldCondition> conditions, Action<string, string> add)
    {
        for (var i = 0; i < conditions.Count; i++)
        {
            var path = Indexed("dimension_config.dimension_conditions", i);
            var c = conditions[i];
            if (string.IsNullOrWhiteSpace(c.Key)) add(path + ".key", "key is required");
            if (c.Value is not { Count: > 0 }) add(path + ".value", "value needs at least one entry");
            if (!Methods.Contains(c.Method)) add(path + ".method", $"method must be one of {string.Join(", ", Methods)}");
            if (c.Condition is not ("and" or "or")) add(path + ".condition", "condition must be 'and' or 'or'");
        }
    }

    private static bool HasTarget(string scopeType, ShieldDimensionConfig config) => scopeType switch
    {
        ShieldScopeType.Ip => config.Hosts is { Count: > 0 },
        ShieldScopeType.Instance => config.ServiceInstanceIds is { Count: > 0 },
        ShieldScopeType.Node => config.TopoNodes is { Count: > 0 },
        _ => config.DynamicGroupIds is { Count: > 0 } || config.HostIds is { Count: > 0 },
    };

    private static string Indexed(string path, int index) => string.Create(CultureInfo.InvariantCulture, $"{path}[{index}]");
}
