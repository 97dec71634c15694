using ApiAlert = BkMonitor.GrainInterfaces.Alerts.AlertSnapshot;

namespace BkMonitor.Grains.Actions;

/// <summary>
/// A notice held back because a shield covered the alert: the alert as announced (what the re-checks match) and
/// the notification log entries to send once no shield covers it any more.
/// </summary>
internal sealed class ShieldHold
{
    /// <summary>Status of a notification log entry planned while the alert was shielded: it never went out.</summary>
    public const string Held = "shielded";

    public required ApiAlert Alert { get; set; }

    public long? ShieldId { get; set; }

    /// <summary>Keys of the held entries of the alert's abnormal notice.</summary>
    public List<string> Keys { get; set; } = [];
}
