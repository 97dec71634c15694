using System.Buffers.Binary;

namespace BkMonitor.Runtime.Transport;

internal enum FrameKind : byte
{
    /// <summary>Handshake: protocol version, cluster id and the sender's silo address.</summary>
    Hello = 1,
    /// <summary>The handshake was refused; the header holds the reason, then the connection closes.</summary>
    Reject = 2,
    Request = 3,
    Response = 4,
}

/// <summary>
/// The fixed 20-byte prefix of every frame (little endian): magic, kind, flags (request flags or
/// response status), a zero byte, correlation id, then the lengths of the variable header and the body.
/// </summary>
internal readonly record struct FrameHeader(FrameKind Kind, byte Flags, long CorrelationId, int HeaderLength, int BodyLength)
{
    public const int Size = 20;

    /// <summary>Changes with every incompatible wire change, so an old peer fails at the first byte.</summary>
    public const byte Magic = 0xB7;

    public int FrameLength => Size + HeaderLength + BodyLength;

    public void Write(Span<byte> span)
    {
        span[0] = Magic;
        span[1] = (byte)Kind;
        span[2] = Flags;
        span[3] = 0;
        BinaryPrimitives.WriteInt64LittleEndian(span[4..], CorrelationId);
        BinaryPrimitives.WriteInt32LittleEndian(span[12..], HeaderLength);
        BinaryPrimitives.WriteInt32LittleEndian(span[16..], BodyLength);
    }

    /// <summary>Reads and validates a header; garbage or a frame over <paramref name="maxFrameSize"/> is a <see cref="MalformedFrameException"/>.</summary>
    public static FrameHeader Read(ReadOnlySpan<byte> span, int maxFrameSize)
    {
        if (span[0] != Magic || span[3] != 0)
        {
            throw new MalformedFrameException(MalformedFrameException.Garbage, $"bad frame magic 0x{span[0]:X2}{span[3]:X2}");
        }
        var kind = (FrameKind)span[1];
        if (kind is < FrameKind.Hello or > FrameKind.Response)
        {
            throw new MalformedFrameException(MalformedFrameException.Garbage, $"unknown frame kind {span[1]}");
        }
        var headerLength = BinaryPrimitives.ReadInt32LittleEndian(span[12..]);
        var bodyLength = BinaryPrimitives.ReadInt32LittleEndian(span[16..]);
        if (headerLength < 0 || bodyLength < 0)
        {
            throw new MalformedFrameException(MalformedFrameException.Garbage, $"negative frame length ({headerLength}, {bodyLength})");
        }
        if ((long)Size + headerLength + bodyLength > maxFrameSize)
        {
            throw new MalformedFrameException(
                MalformedFrameException.Oversized, $"a {kind} frame of {(long)Size + headerLength + bodyLength} bytes exceeds the {maxFrameSize}-byte limit");
        }
        return new FrameHeader(kind, span[2], BinaryPrimitives.ReadInt64LittleEndian(span[4..]), headerLength, bodyLength);
    }
}
