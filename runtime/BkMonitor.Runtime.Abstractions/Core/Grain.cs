namespace BkMonitor.Runtime;

/// <summary>Base class of grain implementations; the runtime creates instances, user code never does.</summary>
public abstract class Grain
{
    protected Grain()
    {
        GrainContext = RuntimeContext.Activating
            ?? throw new InvalidOperationException(
                $"{GetType().Name} is a grain: obtain it with IGrainFactory.GetGrain, do not construct it.");
    }

    /// <summary>The activation this instance belongs to.</summary>
    public IGrainContext GrainContext { get; }

    public GrainId GrainId => GrainContext.GrainId;

    protected IGrainFactory GrainFactory => GrainContext.GrainFactory;

    protected IServiceProvider ServiceProvider => GrainContext.ActivationServices;

    /// <summary>The runtime's clock (a fake clock under test).</summary>
    protected TimeProvider TimeProvider => GrainContext.TimeProvider;

    public virtual Task OnActivateAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public virtual Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Deactivates this activation once the current turn ends.</summary>
    protected void DeactivateOnIdle() => GrainContext.Deactivate(new DeactivationReason(DeactivationReasonCode.ApplicationRequested, "DeactivateOnIdle"));

    /// <summary>Delays idle collection for at least <paramref name="timeSpan"/>.</summary>
    protected void DelayDeactivation(TimeSpan timeSpan) => GrainContext.DelayDeactivation(timeSpan);

    /// <summary>A non-durable timer whose callbacks run as turns of this activation.</summary>
    protected IGrainTimer RegisterGrainTimer(Func<CancellationToken, Task> callback, GrainTimerCreationOptions options)
        => GrainContext.RegisterTimer(callback, options);

    protected IGrainTimer RegisterGrainTimer(Func<CancellationToken, Task> callback, TimeSpan dueTime, TimeSpan period)
        => GrainContext.RegisterTimer(callback, new GrainTimerCreationOptions(dueTime, period));

    /// <summary>Registers or updates a durable reminder; the grain must implement <see cref="IRemindable"/>.</summary>
    protected Task<IGrainReminder> RegisterOrUpdateReminder(string reminderName, TimeSpan dueTime, TimeSpan period)
        => Reminders.RegisterOrUpdateReminderAsync(GrainId, reminderName, dueTime, period);

    protected Task UnregisterReminder(IGrainReminder reminder) => Reminders.UnregisterReminderAsync(GrainId, reminder);

    protected Task<IGrainReminder?> GetReminder(string reminderName) => Reminders.GetReminderAsync(GrainId, reminderName);

    protected Task<IReadOnlyList<IGrainReminder>> GetReminders() => Reminders.GetRemindersAsync(GrainId);

    /// <summary>The named stream provider configured on the silo.</summary>
    protected IStreamProvider GetStreamProvider(string name) => GrainContext.GetStreamProvider(name);

    private IReminderRegistry Reminders => GrainContext.Reminders;
}
