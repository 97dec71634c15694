using System.Buffers.Binary;
using System.Text;

namespace BkMonitor.Runtime.Transport;

/// <summary>Reads what <see cref="WireFormat"/> writes; any overrun or impossible length is an <see cref="InvalidDataException"/>.</summary>
internal ref struct WireReader(ReadOnlySpan<byte> data)
{
    private readonly ReadOnlySpan<byte> _data = data;
    private int _position;

    public readonly int Remaining => _data.Length - _position;

    public readonly bool IsAtEnd => _position == _data.Length;

    public byte ReadByte() => Take(1)[0];

    public ulong ReadVarUInt()
    {
        ulong result = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            var b = ReadByte();
            result |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return result;
            }
        }
        throw new InvalidDataException("A varint is longer than 10 bytes.");
    }

    public long ReadVarInt() => WireFormat.UnZigZag(ReadVarUInt());

    public int ReadVarInt32()
    {
        var value = ReadVarInt();
        return value is >= int.MinValue and <= int.MaxValue ? (int)value : throw new InvalidDataException($"{value} does not fit a 32-bit integer.");
    }

    public int ReadInt32() => BinaryPrimitives.ReadInt32LittleEndian(Take(4));

    public long ReadInt64() => BinaryPrimitives.ReadInt64LittleEndian(Take(8));

    public ReadOnlySpan<byte> ReadSpan(int length) => Take(length);

    public string? ReadString()
    {
        var length = ReadNullableLength();
        return length < 0 ? null : length == 0 ? "" : Encoding.UTF8.GetString(Take(length));
    }

    public string ReadRequiredString(string field)
        => ReadString() ?? throw new InvalidDataException($"The {field} is missing.");

    public byte[]? ReadBytes()
    {
        var length = ReadNullableLength();
        return length < 0 ? null : Take(length).ToArray();
    }

    private int ReadNullableLength()
    {
        var encoded = ReadVarUInt();
        if (encoded > (ulong)Remaining + 1)
        {
            throw new InvalidDataException($"A length of {encoded - 1} bytes exceeds the {Remaining} bytes left.");
        }
        return (int)encoded - 1;
    }

    private ReadOnlySpan<byte> Take(int length)
    {
        if (length < 0 || length > Remaining)
        {
            throw new InvalidDataException($"Expected {length} more bytes, {Remaining} left.");
        }
        var span = _data.Slice(_position, length);
        _position += length;
        return span;
    }
}
