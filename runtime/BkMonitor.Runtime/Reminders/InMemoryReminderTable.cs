namespace BkMonitor.Runtime.Reminders;

/// <summary>
/// Reminder table in process memory, for tests and single-process setups; versions come from one counter
/// so an ETag is never reused. Share one instance between the silos of an in-process cluster.
/// </summary>
public sealed class InMemoryReminderTable : IReminderTable, IReminderDeliveryLog
{
    private readonly Lock _gate = new();
    private readonly Dictionary<GrainId, Dictionary<string, ReminderRow>> _rows = [];
    private long _lastVersion;

    public int Count
    {
        get
        {
            lock (_gate)
            {
                var count = 0;
                foreach (var byName in _rows.Values)
                {
                    count += byName.Count;
                }
                return count;
            }
        }
    }

    public Task InitAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<IReadOnlyList<ReminderEntry>> ReadRowsAsync(GrainId grainId)
    {
        lock (_gate)
        {
            var result = new List<ReminderEntry>();
            if (_rows.TryGetValue(grainId, out var byName))
            {
                foreach (var row in byName.Values)
                {
                    result.Add(row.Entry);
                }
            }
            return Task.FromResult<IReadOnlyList<ReminderEntry>>(result);
        }
    }

    public async Task<IReadOnlyList<ReminderEntry>> ReadRowsAsync(uint begin, uint end)
    {
        var rows = await ReadRowsWithDeliveriesAsync(begin, end);
        var result = new List<ReminderEntry>(rows.Count);
        foreach (var row in rows)
        {
            result.Add(row.Entry);
        }
        return result;
    }

    public Task<IReadOnlyList<ReminderRow>> ReadRowsWithDeliveriesAsync(uint begin, uint end)
    {
        var range = new RingRange(begin, end);
        var result = new List<ReminderRow>();
        lock (_gate)
        {
            foreach (var byName in _rows.Values)
            {
                foreach (var row in byName.Values)
                {
                    if (range.Contains(row.Entry.GrainHash))
                    {
                        result.Add(row);
                    }
                }
            }
        }
        return Task.FromResult<IReadOnlyList<ReminderRow>>(result);
    }

    public Task<ReminderEntry?> ReadRowAsync(GrainId grainId, string reminderName)
    {
        lock (_gate)
        {
            return Task.FromResult(_rows.TryGetValue(grainId, out var byName) && byName.TryGetValue(reminderName, out var row) ? row.Entry : null);
        }
    }

    public Task<string> UpsertRowAsync(ReminderEntry entry)
    {
        ReminderEntryValidation.Validate(entry);
        lock (_gate)
        {
            var eTag = (++_lastVersion).ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (!_rows.TryGetValue(entry.GrainId, out var byName))
            {
                byName = new Dictionary<string, ReminderRow>(StringComparer.Ordinal);
                _rows[entry.GrainId] = byName;
            }
            byName[entry.ReminderName] = new ReminderRow(entry with { ETag = eTag }, null);
            return Task.FromResult(eTag);
        }
    }

    public Task<bool> RemoveRowAsync(GrainId grainId, string reminderName, string eTag)
    {
        lock (_gate)
        {
            if (!_rows.TryGetValue(grainId, out var byName) || !byName.TryGetValue(reminderName, out var row) || row.Entry.ETag != eTag)
            {
                return Task.FromResult(false);
            }
            byName.Remove(reminderName);
            if (byName.Count == 0)
            {
                _rows.Remove(grainId);
            }
            return Task.FromResult(true);
        }
    }

    public Task RecordDeliveryAsync(GrainId grainId, string reminderName, string eTag, DateTime tickTime)
    {
        lock (_gate)
        {
            if (_rows.TryGetValue(grainId, out var byName) && byName.TryGetValue(reminderName, out var row) && row.Entry.ETag == eTag)
            {
                byName[reminderName] = row with { LastTickTime = tickTime };
            }
            return Task.CompletedTask;
        }
    }
}
