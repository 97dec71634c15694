namespace BkMonitor.GrainInterfaces.Actions;

/// <summary>Signals that trigger actions (ALARM-SPEC §1), plus the internal <c>collect</c> signal of summaries.</summary>
public static class ActionSignal
{
    public const string Abnormal = "abnormal";
    public const string Recovered = "recovered";
    public const string Closed = "closed";
    public const string Ack = "ack";
    public const string NoData = "no_data";
    public const string Execute = "execute";
    public const string ExecuteSuccess = "execute_success";
    public const string ExecuteFailed = "execute_failed";
    public const string Collect = "collect";

    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal)
    {
        Abnormal, Recovered, Closed, Ack, NoData, Execute, ExecuteSuccess, ExecuteFailed, Collect,
    };

    /// <summary>Signals of an alert that is (still) anomalous.</summary>
    public static bool IsAbnormal(string signal) => signal is Abnormal or NoData;
}
