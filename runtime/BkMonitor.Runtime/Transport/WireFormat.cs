using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace BkMonitor.Runtime.Transport;

/// <summary>
/// Primitive encodings shared by frames and the argument codec: LEB128 varints (zigzag for signed values),
/// little-endian fixed-width numbers, and strings/byte arrays prefixed with <c>length + 1</c> so 0 means null.
/// </summary>
internal static class WireFormat
{
    public const int MaxVarIntSize = 10;

    public static int SizeOfVarUInt(ulong value)
    {
        var size = 1;
        while (value >= 0x80)
        {
            value >>= 7;
            size++;
        }
        return size;
    }

    public static int SizeOfString(string? value)
    {
        if (value is null)
        {
            return 1;
        }
        var count = Encoding.UTF8.GetByteCount(value);
        return SizeOfVarUInt((ulong)count + 1) + count;
    }

    public static ulong ZigZag(long value) => (ulong)((value << 1) ^ (value >> 63));

    public static long UnZigZag(ulong value) => (long)(value >> 1) ^ -(long)(value & 1);

    public static void WriteByte(this IBufferWriter<byte> writer, byte value)
    {
        writer.GetSpan(1)[0] = value;
        writer.Advance(1);
    }

    public static void WriteVarUInt(this IBufferWriter<byte> writer, ulong value)
    {
        var span = writer.GetSpan(MaxVarIntSize);
        var i = 0;
        while (value >= 0x80)
        {
            span[i++] = (byte)(value | 0x80);
            value >>= 7;
        }
        span[i++] = (byte)value;
        writer.Advance(i);
    }

    public static void WriteVarInt(this IBufferWriter<byte> writer, long value) => writer.WriteVarUInt(ZigZag(value));

    public static void WriteInt32(this IBufferWriter<byte> writer, int value)
    {
        BinaryPrimitives.WriteInt32LittleEndian(writer.GetSpan(4), value);
        writer.Advance(4);
    }

    public static void WriteInt64(this IBufferWriter<byte> writer, long value)
    {
        BinaryPrimitives.WriteInt64LittleEndian(writer.GetSpan(8), value);
        writer.Advance(8);
    }

    public static void WriteString(this IBufferWriter<byte> writer, string? value)
    {
        if (value is null)
        {
            writer.WriteVarUInt(0);
            return;
        }
        var count = Encoding.UTF8.GetByteCount(value);
        writer.WriteVarUInt((ulong)count + 1);
        if (count > 0)
        {
            Encoding.UTF8.GetBytes(value, writer.GetSpan(count));
            writer.Advance(count);
        }
    }

    public static void WriteBytes(this IBufferWriter<byte> writer, byte[]? value)
    {
        if (value is null)
        {
            writer.WriteVarUInt(0);
            return;
        }
        writer.WriteVarUInt((ulong)value.Length + 1);
        writer.Write(value);
    }
}
