using System.Text;

namespace BkMonitor.Runtime.Transport;

/// <summary>Outcome of a remote request.</summary>
internal enum ResponseStatus : byte
{
    /// <summary>Body is the encoded result.</summary>
    Ok = 0,
    /// <summary>Body is an exception encoded by <see cref="GrainRequestCodec.EncodeException"/>.</summary>
    Exception = 1,
    /// <summary>The receiver does not own the grain (placement moved): the caller re-resolves and resends. Body is a UTF-8 reason.</summary>
    Rejected = 2,
    /// <summary>The receiver gave up on a request whose caller had already timed out.</summary>
    Timeout = 3,
}

/// <summary>The answer to one <see cref="RequestEnvelope"/>.</summary>
internal readonly record struct ResponseEnvelope(ResponseStatus Status, ReadOnlyMemory<byte> Body)
{
    /// <summary>The request this answers (set by the transport on the receiving side).</summary>
    public long CorrelationId { get; init; }

    public static ResponseEnvelope Rejected(string reason) => new(ResponseStatus.Rejected, Encoding.UTF8.GetBytes(reason));

    /// <summary>The reason of a <see cref="ResponseStatus.Rejected"/> response (a method, so ToString does not decode bodies).</summary>
    public string GetReason() => Encoding.UTF8.GetString(Body.Span);
}
