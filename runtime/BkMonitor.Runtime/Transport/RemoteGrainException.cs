namespace BkMonitor.Runtime.Transport;

/// <summary>A grain call failed on another silo with an exception this silo does not rebuild as its own type.</summary>
public sealed class RemoteGrainException : Exception
{
    public RemoteGrainException(string remoteExceptionType, string message, string? remoteStackTrace)
        : base(message)
    {
        RemoteExceptionType = remoteExceptionType;
        RemoteStackTrace = remoteStackTrace;
    }

    /// <summary>Full type name of the exception thrown on the remote silo.</summary>
    public string RemoteExceptionType { get; }

    public string? RemoteStackTrace { get; }

    public override string ToString() => $"{GetType().FullName} ({RemoteExceptionType}): {base.ToString()}";
}
