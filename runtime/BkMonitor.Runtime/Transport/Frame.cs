using System.Buffers;

namespace BkMonitor.Runtime.Transport;

/// <summary>One complete frame sliced out of a connection's read buffer (valid until the reader advances).</summary>
internal readonly struct Frame
{
    private Frame(FrameHeader header, ReadOnlySequence<byte> headerBytes, ReadOnlySequence<byte> body)
    {
        Header = header;
        HeaderBytes = headerBytes;
        Body = body;
    }

    public FrameHeader Header { get; }

    public ReadOnlySequence<byte> HeaderBytes { get; }

    public ReadOnlySequence<byte> Body { get; }

    /// <summary>Slices the next frame off <paramref name="buffer"/>; false until all of its bytes arrived.</summary>
    public static bool TryRead(ref ReadOnlySequence<byte> buffer, int maxFrameSize, out Frame frame)
    {
        frame = default;
        if (buffer.Length < FrameHeader.Size)
        {
            return false;
        }
        Span<byte> prefix = stackalloc byte[FrameHeader.Size];
        buffer.Slice(0, FrameHeader.Size).CopyTo(prefix);
        // Validated before waiting for the rest, so an announced 2 GiB frame is refused at once, not buffered.
        var header = FrameHeader.Read(prefix, maxFrameSize);
        if (buffer.Length < header.FrameLength)
        {
            return false;
        }
        var headerBytes = buffer.Slice(FrameHeader.Size, header.HeaderLength);
        var body = buffer.Slice(FrameHeader.Size + header.HeaderLength, header.BodyLength);
        frame = new Frame(header, headerBytes, body);
        buffer = buffer.Slice(header.FrameLength);
        return true;
    }

    /// <summary>The variable header as one span (copied only when it straddles buffer segments).</summary>
    public ReadOnlySpan<byte> HeaderSpan => HeaderBytes.IsSingleSegment ? HeaderBytes.FirstSpan : HeaderBytes.ToArray();
}
