namespace BkMonitor.Runtime;

/// <summary>A grain call did not complete within the response timeout.</summary>
public sealed class GrainCallTimeoutException(GrainId grainId, string interfaceName, string methodName, TimeSpan timeout)
    : TimeoutException($"Call to {interfaceName}.{methodName} on grain {grainId} did not complete within {timeout.TotalSeconds:0.###} s.")
{
    public GrainId GrainId { get; } = grainId;

    public string MethodName { get; } = methodName;
}

/// <summary>A grain interface or grain class is not known to the runtime (no generated proxy, or no implementation).</summary>
public sealed class GrainInterfaceNotRegisteredException(string message) : InvalidOperationException(message);

/// <summary>A state write or clear found a different ETag in storage than the activation read: another writer won.</summary>
public sealed class InconsistentStateException(string message, string? storedEtag, string? currentEtag, Exception? inner = null)
    : Exception(message, inner)
{
    public string? StoredEtag { get; } = storedEtag;

    public string? CurrentEtag { get; } = currentEtag;
}

/// <summary>No silo can host the grain (none alive, or none with the required role), or the target silo is gone.</summary>
public sealed class SiloUnavailableException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// A store or queue the silo depends on cannot take the request now (unreachable, or full); the same request may
/// succeed later. Providers derive their own exceptions from it so hosts can answer "retry later" without knowing them.
/// </summary>
public class DependencyUnavailableException(string dependency, string message, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>What is unavailable, in words fit for a client ("Redis", "PostgreSQL", "the stream queue"); never an address.</summary>
    public string Dependency { get; } = dependency;
}
