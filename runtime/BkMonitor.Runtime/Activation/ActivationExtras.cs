using BkMonitor.Runtime.Timers;

namespace BkMonitor.Runtime.Activation;

/// <summary>Rarely used parts of an activation, allocated on first use to keep idle activations small.</summary>
internal sealed class ActivationExtras
{
    public List<GrainTimer>? Timers { get; set; }

    /// <summary>Components by type; activations carry one or two, so a small list beats a dictionary's ~180 bytes.</summary>
    public List<KeyValuePair<Type, object>>? Components { get; set; }

    /// <summary>Persistent states created while the grain was constructed; read before OnActivateAsync.</summary>
    public List<Func<Task>>? StatesToRead { get; set; }

    public TaskCompletionSource? Deactivated { get; set; }
}
