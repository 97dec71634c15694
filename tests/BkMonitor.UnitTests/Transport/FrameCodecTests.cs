using System.Buffers;
using BkMonitor.Runtime;
using BkMonitor.Runtime.Transport;

namespace BkMonitor.UnitTests.Transport;

public sealed class FrameCodecTests
{
    [Fact]
    public void Request_frame_split_across_buffer_segments_is_read_whole()
    {
        var request = new RequestEnvelope(new GrainId("strategy", "42"), "BkMonitor.IStrategyGrain", 3, MessageFlags.ReadOnly, 1500, new byte[] { 9, 8, 7 }) { CorrelationId = 77 };
        var bytes = new ArrayBufferWriter<byte>();
        var length = FrameCodec.WriteRequest(bytes, request, FrameCodec.MeasureRequestHeader(request));
        var buffer = Segmented(bytes.WrittenSpan.ToArray(), 5);

        Assert.True(Frame.TryRead(ref buffer, SiloTransportOptions.DefaultMaxFrameSize, out var frame));
        var decoded = FrameCodec.ReadRequest(frame);

        Assert.Equal(bytes.WrittenCount, length);
        Assert.True(buffer.IsEmpty);
        Assert.Equal(77, decoded.CorrelationId);
        Assert.Equal(request.TargetGrain, decoded.TargetGrain);
        Assert.Equal(request.InterfaceName, decoded.InterfaceName);
        Assert.Equal(3, decoded.MethodId);
        Assert.Equal(MessageFlags.ReadOnly, decoded.Flags);
        Assert.Equal(1500, decoded.TimeoutMs);
        Assert.Equal(new byte[] { 9, 8, 7 }, decoded.Body.ToArray());
    }

    [Fact]
    public void Incomplete_frame_waits_for_more_bytes()
    {
        var bytes = new ArrayBufferWriter<byte>();
        FrameCodec.WriteResponse(bytes, 5, new ResponseEnvelope(ResponseStatus.Ok, new byte[10]));
        var buffer = new ReadOnlySequence<byte>(bytes.WrittenMemory[..^1]);

        Assert.False(Frame.TryRead(ref buffer, SiloTransportOptions.DefaultMaxFrameSize, out _));
        Assert.Equal(bytes.WrittenCount - 1, buffer.Length);
    }

    [Fact]
    public void Frame_announcing_more_than_the_limit_is_refused_from_its_header_alone()
    {
        var header = new byte[FrameHeader.Size];
        new FrameHeader(FrameKind.Response, 0, 1, 0, 2_000_000).Write(header);
        var buffer = new ReadOnlySequence<byte>(header);

        var error = Assert.Throws<MalformedFrameException>(() => Frame.TryRead(ref buffer, 1_000_000, out _));

        Assert.Equal(MalformedFrameException.Oversized, error.Reason);
    }

    [Theory]
    [InlineData(new byte[] { 0x47, 0x45, 0x54, 0x20 }, "bad frame magic")]
    [InlineData(new byte[] { FrameHeader.Magic, 9, 0, 0 }, "unknown frame kind 9")]
    public void Header_that_is_not_ours_is_garbage(byte[] start, string expected)
    {
        var header = new byte[FrameHeader.Size];
        start.CopyTo(header, 0);
        var buffer = new ReadOnlySequence<byte>(header);

        var error = Assert.Throws<MalformedFrameException>(() => Frame.TryRead(ref buffer, 1024, out _));

        Assert.Equal(MalformedFrameException.Garbage, error.Reason);
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void Response_with_an_unknown_status_is_malformed()
    {
        var bytes = new ArrayBufferWriter<byte>();
        FrameCodec.WriteResponse(bytes, 1, new ResponseEnvelope((ResponseStatus)17, ReadOnlyMemory<byte>.Empty));
        var buffer = new ReadOnlySequence<byte>(bytes.WrittenMemory);
        Assert.True(Frame.TryRead(ref buffer, 1024, out var frame));

        try
        {
            FrameCodec.ReadResponse(frame);
            Assert.Fail("status 17 was accepted");
        }
        catch (MalformedFrameException error)
        {
            Assert.Contains("status 17", error.Message);
        }
    }

    [Fact]
    public void Hello_carries_protocol_version_cluster_and_silo()
    {
        var hello = new HandshakeInfo(HandshakeInfo.CurrentProtocolVersion, "bkmonitor-prod", new SiloAddress("10.1.2.3", 11111, 638000000000000000));
        var bytes = new ArrayBufferWriter<byte>();
        FrameCodec.WriteHello(bytes, hello);
        var buffer = new ReadOnlySequence<byte>(bytes.WrittenMemory);

        Assert.True(Frame.TryRead(ref buffer, 4096, out var frame));

        Assert.Equal(hello, FrameCodec.ReadHello(frame));
    }

    private static ReadOnlySequence<byte> Segmented(byte[] data, int segmentSize)
    {
        Segment? first = null;
        Segment? last = null;
        for (var offset = 0; offset < data.Length; offset += segmentSize)
        {
            var memory = data.AsMemory(offset, Math.Min(segmentSize, data.Length - offset));
            last = last is null ? first = new Segment(memory, 0) : last.Append(memory);
        }
        return new ReadOnlySequence<byte>(first!, 0, last!, last!.Memory.Length);
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory, long runningIndex)
        {
            Memory = memory;
            RunningIndex = runningIndex;
        }

        public Segment Append(ReadOnlyMemory<byte> memory)
        {
            var next = new Segment(memory, RunningIndex + Memory.Length);
            Next = next;
            return next;
        }
    }
}
