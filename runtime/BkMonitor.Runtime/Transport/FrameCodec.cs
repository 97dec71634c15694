using System.Buffers;
using System.Text;

namespace BkMonitor.Runtime.Transport;

/// <summary>Writes and decodes the four frame kinds. Writers return the frame's size in bytes.</summary>
internal static class FrameCodec
{
    public static int MeasureRequestHeader(RequestEnvelope request)
        => WireFormat.SizeOfString(request.TargetGrain.Type)
            + WireFormat.SizeOfString(request.TargetGrain.Key)
            + WireFormat.SizeOfString(request.InterfaceName)
            + WireFormat.SizeOfVarUInt(WireFormat.ZigZag(request.MethodId))
            + WireFormat.SizeOfVarUInt(WireFormat.ZigZag(request.TimeoutMs));

    public static int WriteRequest(IBufferWriter<byte> writer, RequestEnvelope request, int headerLength)
    {
        var header = new FrameHeader(FrameKind.Request, (byte)request.Flags, request.CorrelationId, headerLength, request.Body.Length);
        WritePrefix(writer, header);
        writer.WriteString(request.TargetGrain.Type);
        writer.WriteString(request.TargetGrain.Key);
        writer.WriteString(request.InterfaceName);
        writer.WriteVarInt(request.MethodId);
        writer.WriteVarInt(request.TimeoutMs);
        writer.Write(request.Body.Span);
        return header.FrameLength;
    }

    public static int WriteResponse(IBufferWriter<byte> writer, long correlationId, in ResponseEnvelope response)
    {
        var header = new FrameHeader(FrameKind.Response, (byte)response.Status, correlationId, 0, response.Body.Length);
        WritePrefix(writer, header);
        writer.Write(response.Body.Span);
        return header.FrameLength;
    }

    public static int WriteHello(IBufferWriter<byte> writer, HandshakeInfo hello)
    {
        var headerLength = 1
            + WireFormat.SizeOfString(hello.ClusterId)
            + WireFormat.SizeOfString(hello.Silo.Host)
            + WireFormat.SizeOfVarUInt(WireFormat.ZigZag(hello.Silo.Port))
            + WireFormat.SizeOfVarUInt(WireFormat.ZigZag(hello.Silo.Generation));
        var header = new FrameHeader(FrameKind.Hello, 0, 0, headerLength, 0);
        WritePrefix(writer, header);
        writer.WriteByte(hello.ProtocolVersion);
        writer.WriteString(hello.ClusterId);
        writer.WriteString(hello.Silo.Host);
        writer.WriteVarInt(hello.Silo.Port);
        writer.WriteVarInt(hello.Silo.Generation);
        return header.FrameLength;
    }

    public static int WriteReject(IBufferWriter<byte> writer, string reason)
    {
        var header = new FrameHeader(FrameKind.Reject, 0, 0, WireFormat.SizeOfString(reason), 0);
        WritePrefix(writer, header);
        writer.WriteString(reason);
        return header.FrameLength;
    }

    public static RequestEnvelope ReadRequest(in Frame frame)
    {
        try
        {
            var reader = new WireReader(frame.HeaderSpan);
            var type = reader.ReadRequiredString("grain type");
            var key = reader.ReadRequiredString("grain key");
            var interfaceName = reader.ReadRequiredString("interface name");
            var methodId = reader.ReadVarInt32();
            var timeoutMs = reader.ReadVarInt32();
            EnsureConsumed(reader, FrameKind.Request);
            return new RequestEnvelope(new GrainId(type, key), interfaceName, methodId, (MessageFlags)frame.Header.Flags, timeoutMs, frame.Body.ToArray())
            {
                CorrelationId = frame.Header.CorrelationId,
            };
        }
        catch (Exception ex) when (ex is InvalidDataException or ArgumentException)
        {
            throw new MalformedFrameException(MalformedFrameException.Garbage, $"unreadable request header: {ex.Message}");
        }
    }

    public static ResponseEnvelope ReadResponse(in Frame frame)
    {
        if (frame.Header.HeaderLength != 0 || frame.Header.Flags > (byte)ResponseStatus.Timeout)
        {
            throw new MalformedFrameException(MalformedFrameException.Garbage, $"bad response frame (status {frame.Header.Flags})");
        }
        return new ResponseEnvelope((ResponseStatus)frame.Header.Flags, frame.Body.ToArray()) { CorrelationId = frame.Header.CorrelationId };
    }

    public static HandshakeInfo ReadHello(in Frame frame)
    {
        try
        {
            var reader = new WireReader(frame.HeaderSpan);
            var version = reader.ReadByte();
            var clusterId = reader.ReadRequiredString("cluster id");
            var host = reader.ReadRequiredString("silo host");
            var port = reader.ReadVarInt32();
            var generation = reader.ReadVarInt();
            EnsureConsumed(reader, FrameKind.Hello);
            return new HandshakeInfo(version, clusterId, new SiloAddress(host, port, generation));
        }
        catch (InvalidDataException ex)
        {
            throw new MalformedFrameException(MalformedFrameException.Garbage, $"unreadable handshake: {ex.Message}");
        }
    }

    public static string ReadReject(in Frame frame)
    {
        try
        {
            var reader = new WireReader(frame.HeaderSpan);
            return reader.ReadString() ?? "";
        }
        catch (InvalidDataException)
        {
            return Encoding.UTF8.GetString(frame.HeaderSpan);
        }
    }

    private static void WritePrefix(IBufferWriter<byte> writer, in FrameHeader header)
    {
        header.Write(writer.GetSpan(FrameHeader.Size));
        writer.Advance(FrameHeader.Size);
    }

    private static void EnsureConsumed(in WireReader reader, FrameKind kind)
    {
        if (!reader.IsAtEnd)
        {
            throw new InvalidDataException($"{reader.Remaining} unexpected bytes after the {kind} header.");
        }
    }
}
