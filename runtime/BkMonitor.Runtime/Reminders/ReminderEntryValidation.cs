namespace BkMonitor.Runtime.Reminders;

/// <summary>Checks a row before a table stores it, so every table rejects the same bad rows with the same messages.</summary>
internal static class ReminderEntryValidation
{
    public static void Validate(ReminderEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (entry.GrainId.Type is null)
        {
            throw new ArgumentException("Reminder entry has an empty GrainId.", nameof(entry));
        }
        if (string.IsNullOrWhiteSpace(entry.ReminderName))
        {
            throw new ArgumentException($"Reminder entry for grain {entry.GrainId} has an empty ReminderName.", nameof(entry));
        }
        if (entry.Period <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(entry), entry.Period, $"Reminder '{entry.ReminderName}' of grain {entry.GrainId} has a non-positive Period.");
        }
    }
}
