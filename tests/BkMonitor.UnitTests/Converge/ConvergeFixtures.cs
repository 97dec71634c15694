using BkMonitor.GrainInterfaces.Actions;
using BkMonitor.Grains.Converge;

namespace BkMonitor.UnitTests.Converge;

internal static class ConvergeFixtures
{
    public const string IpDimensionsMd5 = "342a08e0f85f169a7e099c18db3708ed";

    public static ConvergeSubject Webhook(long id, long createTime, int level = 1, string status = ActionStatus.Received) => new()
    {
        Id = id,
        CreateTime = createTime,
        Status = status,
        PluginType = ActionPluginType.Webhook,
        Context = ConvergeContext.Create(11, "CPU high", 2, level, ActionSignal.Abnormal, IpDimensionsMd5, actionConfigId: 7),
    };

    public static ConvergeSubject Notice(long id, long createTime, string receiver = "alice", string way = NoticeWay.Mail) => new()
    {
        Id = id,
        CreateTime = createTime,
        PluginType = ActionPluginType.Notice,
        Context = ConvergeContext.Create(11, "CPU high", 2, 1, ActionSignal.Abnormal, IpDimensionsMd5, 1, way, receiver),
    };

    public static ConvergeConfig Config(string func, int count = 1, int timedelta = 60, params string[] dimensions) => new()
    {
        IsEnabled = true,
        ConvergeFunc = func,
        Count = count,
        Timedelta = timedelta,
        Condition = (dimensions.Length == 0 ? [ConvergeDimension.AlertInfo] : dimensions)
            .Select(d => new ConvergeCondition { Dimension = d })
            .ToList(),
    };
}
