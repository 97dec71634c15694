using Microsoft.Extensions.Logging;

namespace BkMonitor.Runtime.Diagnostics;

/// <summary>Source-generated log messages of the runtime.</summary>
internal static partial class RuntimeLog
{
    [LoggerMessage(1, LogLevel.Information, "Silo {Silo} ({Name}, roles [{Roles}]) starting")]
    public static partial void SiloStarting(ILogger logger, SiloAddress silo, string name, string roles);

    [LoggerMessage(2, LogLevel.Information, "Silo {Silo} active")]
    public static partial void SiloStarted(ILogger logger, SiloAddress silo);

    [LoggerMessage(3, LogLevel.Information, "Silo {Silo} stopping")]
    public static partial void SiloStopping(ILogger logger, SiloAddress silo);

    [LoggerMessage(4, LogLevel.Information, "Silo {Silo} stopped")]
    public static partial void SiloStopped(ILogger logger, SiloAddress silo);

    [LoggerMessage(5, LogLevel.Warning, "Silo {Silo} killed: {Count} activations dropped")]
    public static partial void SiloKilled(ILogger logger, SiloAddress silo, int count);

    [LoggerMessage(6, LogLevel.Warning, "Activation of {GrainId} failed")]
    public static partial void ActivationFailed(ILogger logger, Exception exception, GrainId grainId);

    [LoggerMessage(7, LogLevel.Warning, "OnDeactivateAsync of {GrainId} failed ({Reason})")]
    public static partial void DeactivationFailed(ILogger logger, Exception exception, GrainId grainId, DeactivationReason reason);

    [LoggerMessage(8, LogLevel.Warning, "One-way call {Method} to {GrainId} failed")]
    public static partial void OneWayCallFailed(ILogger logger, Exception exception, string method, GrainId grainId);

    [LoggerMessage(9, LogLevel.Warning, "Timer callback of {GrainId} failed")]
    public static partial void TimerCallbackFailed(ILogger logger, Exception exception, GrainId grainId);

    [LoggerMessage(10, LogLevel.Debug, "Call {Method} to {GrainId} timed out")]
    public static partial void CallTimedOut(ILogger logger, string method, GrainId grainId);

    [LoggerMessage(11, LogLevel.Information, "Silo {Silo} sees {Count} active silos")]
    public static partial void MembershipChanged(ILogger logger, SiloAddress silo, int count);

    [LoggerMessage(12, LogLevel.Error, "Lifecycle participant {Participant} (stage {Stage}) failed to {Action}")]
    public static partial void LifecycleParticipantFailed(ILogger logger, Exception exception, string participant, int stage, string action);

    [LoggerMessage(13, LogLevel.Error, "Unhandled exception in a turn of {GrainId}")]
    public static partial void TurnFailed(ILogger logger, Exception exception, GrainId grainId);

    [LoggerMessage(14, LogLevel.Warning, "Shutdown of silo {Silo} was cancelled with {Count} activations still deactivating; they were dropped")]
    public static partial void ShutdownCancelled(ILogger logger, SiloAddress silo, int count);
}
