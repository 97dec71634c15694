namespace BkMonitor.Runtime.Reminders;

/// <summary>
/// Optional capability of a reminder table: remembers the last delivered tick of each row, so a silo that
/// starts (or takes over a range) can tell a tick missed while nobody served the row from one already
/// delivered. Without it the service assumes the latest due tick was missed and fires it once.
/// </summary>
public interface IReminderDeliveryLog
{
    /// <summary>Records the delivered tick; ignored when the row is gone or no longer has <paramref name="eTag"/>.</summary>
    Task RecordDeliveryAsync(GrainId grainId, string reminderName, string eTag, DateTime tickTime);

    /// <summary>The rows of the ring range (begin, end] with their last delivered tick (null when none since the row was written).</summary>
    Task<IReadOnlyList<ReminderRow>> ReadRowsWithDeliveriesAsync(uint begin, uint end);
}

/// <summary>A reminder row with the time of its last delivered tick.</summary>
public sealed record ReminderRow(ReminderEntry Entry, DateTime? LastTickTime);
