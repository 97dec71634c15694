namespace BkMonitor.Runtime.Reminders;

/// <summary>A registered reminder as handed to grains; the ETag is the row version it was read or written at.</summary>
internal sealed record ReminderHandle(GrainId GrainId, string ReminderName, string? ETag) : IGrainReminder
{
    public static ReminderHandle From(ReminderEntry entry) => new(entry.GrainId, entry.ReminderName, entry.ETag);
}
