namespace BkMonitor.Runtime.Activation;

/// <summary>Lifecycle of one activation.</summary>
internal enum ActivationState : byte
{
    /// <summary>In the catalog, not started: messages queue up.</summary>
    Creating,
    /// <summary>Constructing the grain, reading its states, running OnActivateAsync.</summary>
    Activating,
    /// <summary>Serving requests.</summary>
    Valid,
    /// <summary>Running OnDeactivateAsync; new messages queue and are re-routed afterwards.</summary>
    Deactivating,
    /// <summary>Gone from the catalog; the mailbox refuses messages.</summary>
    Invalid,
}
