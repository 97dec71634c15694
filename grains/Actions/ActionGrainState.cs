using BkMonitor.GrainInterfaces.Actions;

namespace BkMonitor.Grains.Actions;

/// <summary>
/// The persisted actions of one alert: the signals already handled, the action instances, and the notification
/// log keyed by idempotency key. An entry is "sending" from before the first byte goes out until the outcome is
/// written, so after a crash exactly the unfinished deliveries are sent again, with the same key.
/// </summary>
internal sealed partial class ActionGrainState
{
    public List<string> HandledSignals { get; set; } = [];

    public List<ActionInstance> Instances { get; set; } = [];

    public Dictionary<string, NotificationLogEntry> Log { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The notice a shield holds back, if any (see ActionGrain.Shield.cs).</summary>
    public ShieldHold? ShieldHold { get; set; }

    public void Replace(ActionInstance instance)
    {
        var index = Instances.FindIndex(i => i.Id == instance.Id);
        if (index >= 0) Instances[index] = instance;
        else Instances.Add(instance);
    }
}

/// <summary>One delivery of the notification log, with what is needed to send it again.</summary>
internal sealed partial class NotificationLogEntry
{
    public const string Sending = "sending";
    public const string Sent = "sent";
    public const string Failed = "failed";

    public required string Signal { get; set; }
    public int Round { get; set; }
    public int ActionConfigId { get; set; }
    public long InstanceId { get; set; }
    public string Status { get; set; } = Sending;
    public required string Url { get; set; }
    public string Method { get; set; } = "POST";
    public Dictionary<string, string> Headers { get; set; } = [];
    public required string Body { get; set; }
    public required string ContentType { get; set; }
}
