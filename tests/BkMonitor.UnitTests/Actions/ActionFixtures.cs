using BkMonitor.GrainInterfaces.Actions;
using BkMonitor.Grains.Actions;

namespace BkMonitor.UnitTests.Actions;

internal static class ActionFixtures
{
    // 2023-11-14T22:13:20Z
    public const long Begin = 1_700_000_000;

    public static AlertSnapshot Alert(string signal = ActionSignal.Abnormal, int severity = 1) => new()
    {
        Id = "17000000001",
        AlertName = "CPU usage high",
        Severity = severity,
        Signal = signal,
        BkBizId = 2,
        BeginTime = Begin,
        LatestTime = Begin + 3900,
        Dimensions =
        [
            new AlertDimension { Key = "bk_target_ip", Value = "10.0.0.1", DisplayKey = "目标IP" },
            new AlertDimension { Key = "device", Value = "eth0" },
        ],
        CurrentValue = 96.5,
        Description = "AVG(usage) >= 95.0, current 96.5",
        TargetType = "HOST",
        Target = "10.0.0.1|0",
        Strategy = new StrategyRef { Id = 11, Name = "CPU watch", BkBizId = 2 },
    };

    public static ActionRelation NoticeRelation(params int[] groups) => new()
    {
        Id = 5,
        ConfigId = 7,
        UserGroups = groups.Length == 0 ? [1] : groups,
        Signal = [ActionSignal.Abnormal, ActionSignal.Recovered],
        Config = new NoticeConfig(),
    };

    public static UserGroup Ops => new()
    {
        Id = 1,
        Name = "ops",
        BkBizId = 2,
        Users = ["alice", "bob"],
        NoticeWays = new() { ["1"] = [NoticeWay.Mail, NoticeWay.Sms], ["2"] = [NoticeWay.Mail] },
        MailAddresses = new() { ["alice"] = "alice@example.com", ["bob"] = "bob@example.com" },
    };
}
