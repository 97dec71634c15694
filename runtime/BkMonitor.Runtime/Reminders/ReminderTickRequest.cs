namespace BkMonitor.Runtime.Reminders;

/// <summary>The runtime's own request for <see cref="IRemindable.ReceiveReminder"/>, so reminders do not depend on generated code.</summary>
internal sealed class ReminderTickRequest(string reminderName, TickStatus status) : GrainRequest<VoidResult>
{
    private static readonly string RemindableName = typeof(IRemindable).FullName!;

    public string ReminderName { get; private set; } = reminderName;

    public TickStatus Status { get; private set; } = status;

    public override string InterfaceName => RemindableName;

    public override string MethodName => nameof(IRemindable.ReceiveReminder);

    public override int MethodId => 0;

    public override int ArgumentCount => 2;

    public override object? GetArgument(int index) => index switch
    {
        0 => ReminderName,
        1 => Status,
        _ => throw new ArgumentOutOfRangeException(nameof(index), index, "ReceiveReminder has two arguments."),
    };

    public override void SetArgument(int index, object? value)
    {
        switch (index)
        {
            case 0:
                ReminderName = (string)value!;
                break;
            case 1:
                Status = (TickStatus)value!;
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(index), index, "ReceiveReminder has two arguments.");
        }
    }

    public override Type GetArgumentType(int index) => index switch
    {
        0 => typeof(string),
        1 => typeof(TickStatus),
        _ => throw new ArgumentOutOfRangeException(nameof(index), index, "ReceiveReminder has two arguments."),
    };

    public override async ValueTask<VoidResult> InvokeAsync(object target)
    {
        if (target is not IRemindable remindable)
        {
            throw new InvalidOperationException(
                $"Reminder '{ReminderName}' was delivered to {target.GetType().FullName}, which does not implement IRemindable.");
        }
        await remindable.ReceiveReminder(ReminderName, Status);
        return default;
    }
}
