namespace BkMonitor.GrainInterfaces.Actions;

/// <summary>Action plugin types (bk-monitor's <c>ActionPluginType</c>).</summary>
public static class ActionPluginType
{
    public const string Notice = "notice";
    public const string Webhook = "webhook";
    public const string Job = "job";
    public const string Sops = "sops";
    public const string Itsm = "itsm";
    public const string Common = "common";
    public const string Collect = "collect";
    public const string MessageQueue = "message_queue";

    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal)
    {
        Notice, Webhook, Job, Sops, Itsm, Common, Collect, MessageQueue,
    };
}
