namespace BkMonitor.Runtime.Reminders;

/// <summary>The <see cref="IReminderRegistry"/> side: validation, table writes, and starting or stopping the local loop when this silo owns the grain.</summary>
internal sealed partial class LocalReminderService : IReminderRegistry
{
    public async Task<IGrainReminder> RegisterOrUpdateReminderAsync(GrainId grainId, string reminderName, TimeSpan dueTime, TimeSpan period)
    {
        ValidateRegistration(grainId, reminderName, dueTime, period);
        var entry = new ReminderEntry
        {
            GrainId = grainId,
            ReminderName = reminderName,
            StartAt = Time.GetUtcNow().UtcDateTime + dueTime,
            Period = period,
        };
        entry = entry with { ETag = await _table.UpsertRowAsync(entry) };
        await _gate.WaitAsync();
        try
        {
            if (_started && _ring.IsLocal(entry.GrainHash))
            {
                lock (_running)
                {
                    var key = (grainId, reminderName);
                    if (_running.Remove(key, out var previous))
                    {
                        previous.Stop();
                    }
                    StartLocked(entry, null);
                }
            }
            else
            {
                ReminderLog.RegisteredRemote(Logger, grainId, reminderName, _ring.Owner(entry.GrainHash));
            }
        }
        finally
        {
            _gate.Release();
        }
        if (!_ring.IsLocal(entry.GrainHash) && OwnerInProcess?.Invoke(_ring.Owner(entry.GrainHash)) is { } owner)
        {
            await owner.ReloadGrainAsync(grainId);
        }
        return ReminderHandle.From(entry);
    }

    /// <summary>Removes the reminder by name (a handle with an outdated ETag still unregisters) and stops its local loop.</summary>
    public async Task UnregisterReminderAsync(GrainId grainId, IGrainReminder reminder)
    {
        ArgumentNullException.ThrowIfNull(reminder);
        var name = reminder.ReminderName;
        var eTag = (reminder as ReminderHandle)?.ETag;
        // A concurrent re-registration changes the version between our read and remove; a few rounds settle it.
        for (var attempt = 0; attempt < 5; attempt++)
        {
            if (eTag is not null && await _table.RemoveRowAsync(grainId, name, eTag))
            {
                break;
            }
            var current = await _table.ReadRowAsync(grainId, name);
            if (current?.ETag is null)
            {
                break;
            }
            eTag = current.ETag;
        }
        await _gate.WaitAsync();
        try
        {
            lock (_running)
            {
                if (_running.Remove((grainId, name), out var running))
                {
                    running.Stop();
                }
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<IGrainReminder?> GetReminderAsync(GrainId grainId, string reminderName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reminderName);
        var entry = await _table.ReadRowAsync(grainId, reminderName);
        return entry is null ? null : ReminderHandle.From(entry);
    }

    public async Task<IReadOnlyList<IGrainReminder>> GetRemindersAsync(GrainId grainId)
    {
        var entries = await _table.ReadRowsAsync(grainId);
        var handles = new IGrainReminder[entries.Count];
        for (var i = 0; i < handles.Length; i++)
        {
            handles[i] = ReminderHandle.From(entries[i]);
        }
        return handles;
    }

    private static void ValidateRegistration(GrainId grainId, string reminderName, TimeSpan dueTime, TimeSpan period)
    {
        if (grainId.Type is null)
        {
            throw new ArgumentException("A reminder needs the grain's id; got an empty GrainId.", nameof(grainId));
        }
        if (string.IsNullOrWhiteSpace(reminderName))
        {
            throw new ArgumentException($"Reminder name for grain {grainId} must not be empty.", nameof(reminderName));
        }
        if (period <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(period), period,
                $"Reminder '{reminderName}' of grain {grainId}: period must be positive (at least {ReminderOptions.MinimumPeriod.TotalSeconds:0} s), got {period}.");
        }
        if (period < ReminderOptions.MinimumPeriod)
        {
            throw new ArgumentOutOfRangeException(nameof(period), period,
                $"Reminder '{reminderName}' of grain {grainId}: period must be at least {ReminderOptions.MinimumPeriod.TotalSeconds:0} s, got {period}.");
        }
        if (dueTime < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(dueTime), dueTime,
                $"Reminder '{reminderName}' of grain {grainId}: due time must not be negative, got {dueTime}.");
        }
        if (GrainTypeRegistry.TryGetClass(grainId.Type, out var grainClass) && !typeof(IRemindable).IsAssignableFrom(grainClass.GrainClass))
        {
            throw new InvalidOperationException(
                $"Grain class {grainClass.GrainClass.FullName} of grain {grainId} must implement IRemindable to register reminder '{reminderName}'.");
        }
    }
}
