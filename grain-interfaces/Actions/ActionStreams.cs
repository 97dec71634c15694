namespace BkMonitor.GrainInterfaces.Actions;

/// <summary>Stream namespaces of the action stage.</summary>
public static class ActionStreams
{
    /// <summary>Alert → actions: one <see cref="ActionNotice"/> per (alert, signal), keyed by the alert id.</summary>
    public const string ActionNotice = "action_notice";
}
