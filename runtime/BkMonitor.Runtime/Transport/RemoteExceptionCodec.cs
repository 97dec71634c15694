using System.Runtime.ExceptionServices;

namespace BkMonitor.Runtime.Transport;

/// <summary>
/// Exceptions on the wire as {type name, message, stack, two type-specific strings}. Only a fixed list of
/// known types is rebuilt as itself (never a type named by the peer, so the wire cannot instantiate
/// arbitrary classes); everything else becomes a <see cref="RemoteGrainException"/>.
/// </summary>
internal static class RemoteExceptionCodec
{
    private const int MaxTextLength = 32 * 1024;

    public static byte[] Encode(Exception exception)
    {
        using var buffer = WireBuffer.Rent();
        // A provider's own "unavailable" type is not known to every peer: it travels as the base type the gateway maps.
        var type = exception is DependencyUnavailableException ? typeof(DependencyUnavailableException) : exception.GetType();
        buffer.WriteString(type.FullName ?? type.Name);
        buffer.WriteString(Truncate(MessageOf(exception)));
        buffer.WriteString(Truncate(exception.StackTrace));
        var (first, second) = exception switch
        {
            ArgumentException argument => (argument.ParamName, null),
            InconsistentStateException conflict => (conflict.StoredEtag, conflict.CurrentEtag),
            DependencyUnavailableException unavailable => (unavailable.Dependency, null),
            _ => ((string?)null, (string?)null),
        };
        buffer.WriteString(first);
        buffer.WriteString(second);
        return buffer.ToArray();
    }

    public static Exception Decode(ReadOnlySpan<byte> body)
    {
        var reader = new WireReader(body);
        var typeName = reader.ReadString() ?? "";
        var message = reader.ReadString() ?? "";
        var stack = reader.ReadString();
        var first = reader.ReadString();
        var second = reader.ReadString();
        var exception = Rebuild(typeName, message, stack, first, second);
        if (!string.IsNullOrEmpty(stack))
        {
            ExceptionDispatchInfo.SetRemoteStackTrace(exception, stack);
        }
        return exception;
    }

    private static Exception Rebuild(string typeName, string message, string? stack, string? first, string? second) => typeName switch
    {
        "System.ArgumentException" => new ArgumentException(message, first),
        "System.ArgumentNullException" => new ArgumentNullException(first, message),
        "System.ArgumentOutOfRangeException" => new ArgumentOutOfRangeException(first, message),
        "System.InvalidOperationException" => new InvalidOperationException(message),
        "System.NotSupportedException" => new NotSupportedException(message),
        "System.NotImplementedException" => new NotImplementedException(message),
        "System.FormatException" => new FormatException(message),
        "System.Collections.Generic.KeyNotFoundException" => new KeyNotFoundException(message),
        "BkMonitor.Runtime.InconsistentStateException" => new InconsistentStateException(message, first, second),
        "BkMonitor.Runtime.GrainInterfaceNotRegisteredException" => new GrainInterfaceNotRegisteredException(message),
        // A silo that forwarded the call found the owner gone: the caller retries or re-routes as for a local failure.
        "BkMonitor.Runtime.SiloUnavailableException" => new SiloUnavailableException(message),
        "BkMonitor.Runtime.DependencyUnavailableException" => new DependencyUnavailableException(first ?? "a dependency", message),
        _ => new RemoteGrainException(typeName, message, stack),
    };

    // ArgumentException puts " (Parameter 'x')" into its message; send it without, so the rebuilt one does not say it twice.
    private static string MessageOf(Exception exception)
    {
        var message = exception.Message;
        if (exception is ArgumentException { ParamName: { } name })
        {
            var suffix = $" (Parameter '{name}')";
            var at = message.IndexOf(suffix, StringComparison.Ordinal);
            if (at >= 0)
            {
                return message.Remove(at, suffix.Length);
            }
        }
        return message;
    }

    private static string? Truncate(string? text) => text is { Length: > MaxTextLength } ? text[..MaxTextLength] : text;
}
