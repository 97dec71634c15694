using System.Buffers.Binary;

namespace BkMonitor.Runtime.Transport;

/// <summary>Types written directly: varints for integers, fixed little-endian for floats, ids and times.</summary>
internal sealed class PrimitiveValueCodec : WireValueCodec
{
    private static readonly Dictionary<Type, PrimitiveKind> Kinds = new()
    {
        [typeof(bool)] = PrimitiveKind.Bool,
        [typeof(byte)] = PrimitiveKind.Byte,
        [typeof(sbyte)] = PrimitiveKind.SByte,
        [typeof(short)] = PrimitiveKind.Int16,
        [typeof(ushort)] = PrimitiveKind.UInt16,
        [typeof(int)] = PrimitiveKind.Int32,
        [typeof(uint)] = PrimitiveKind.UInt32,
        [typeof(long)] = PrimitiveKind.Int64,
        [typeof(ulong)] = PrimitiveKind.UInt64,
        [typeof(char)] = PrimitiveKind.Char,
        [typeof(float)] = PrimitiveKind.Single,
        [typeof(double)] = PrimitiveKind.Double,
        [typeof(decimal)] = PrimitiveKind.Decimal,
        [typeof(string)] = PrimitiveKind.String,
        [typeof(byte[])] = PrimitiveKind.Bytes,
        [typeof(Guid)] = PrimitiveKind.Guid,
        [typeof(DateTime)] = PrimitiveKind.DateTime,
        [typeof(DateTimeOffset)] = PrimitiveKind.DateTimeOffset,
        [typeof(TimeSpan)] = PrimitiveKind.TimeSpan,
        [typeof(VoidResult)] = PrimitiveKind.Void,
    };

    private static readonly object True = true;
    private static readonly object False = false;
    private static readonly object Void = default(VoidResult);

    private readonly PrimitiveKind _kind;

    private PrimitiveValueCodec(PrimitiveKind kind) => _kind = kind;

    private enum PrimitiveKind
    {
        Bool, Byte, SByte, Int16, UInt16, Int32, UInt32, Int64, UInt64, Char, Single, Double, Decimal,
        String, Bytes, Guid, DateTime, DateTimeOffset, TimeSpan, Void,
    }

    public static bool TryCreate(Type type, out WireValueCodec codec)
    {
        codec = Kinds.TryGetValue(type, out var kind) ? new PrimitiveValueCodec(kind) : null!;
        return codec is not null;
    }

    public override void Write(WireBuffer buffer, object? value)
    {
        switch (_kind)
        {
            case PrimitiveKind.Bool: buffer.WriteByte((bool)value! ? (byte)1 : (byte)0); break;
            case PrimitiveKind.Byte: buffer.WriteByte((byte)value!); break;
            case PrimitiveKind.SByte: buffer.WriteVarInt((sbyte)value!); break;
            case PrimitiveKind.Int16: buffer.WriteVarInt((short)value!); break;
            case PrimitiveKind.UInt16: buffer.WriteVarUInt((ushort)value!); break;
            case PrimitiveKind.Int32: buffer.WriteVarInt((int)value!); break;
            case PrimitiveKind.UInt32: buffer.WriteVarUInt((uint)value!); break;
            case PrimitiveKind.Int64: buffer.WriteVarInt((long)value!); break;
            case PrimitiveKind.UInt64: buffer.WriteVarUInt((ulong)value!); break;
            case PrimitiveKind.Char: buffer.WriteVarUInt((char)value!); break;
            case PrimitiveKind.Single: buffer.WriteInt32(BitConverter.SingleToInt32Bits((float)value!)); break;
            case PrimitiveKind.Double: buffer.WriteInt64(BitConverter.DoubleToInt64Bits((double)value!)); break;
            case PrimitiveKind.Decimal: WriteDecimal(buffer, (decimal)value!); break;
            case PrimitiveKind.String: buffer.WriteString((string?)value); break;
            case PrimitiveKind.Bytes: buffer.WriteBytes((byte[]?)value); break;
            case PrimitiveKind.Guid:
                ((Guid)value!).TryWriteBytes(buffer.GetSpan(16));
                buffer.Advance(16);
                break;
            case PrimitiveKind.DateTime: buffer.WriteInt64(((DateTime)value!).ToBinary()); break;
            case PrimitiveKind.DateTimeOffset:
                var moment = (DateTimeOffset)value!;
                buffer.WriteInt64(moment.Ticks);
                buffer.WriteVarInt((long)moment.Offset.TotalMinutes);
                break;
            case PrimitiveKind.TimeSpan: buffer.WriteVarInt(((TimeSpan)value!).Ticks); break;
            case PrimitiveKind.Void: break;
        }
    }

    public override object? Read(ref WireReader reader) => _kind switch
    {
        PrimitiveKind.Bool => reader.ReadByte() != 0 ? True : False,
        PrimitiveKind.Byte => reader.ReadByte(),
        PrimitiveKind.SByte => checked((sbyte)reader.ReadVarInt()),
        PrimitiveKind.Int16 => checked((short)reader.ReadVarInt()),
        PrimitiveKind.UInt16 => checked((ushort)reader.ReadVarUInt()),
        PrimitiveKind.Int32 => reader.ReadVarInt32(),
        PrimitiveKind.UInt32 => checked((uint)reader.ReadVarUInt()),
        PrimitiveKind.Int64 => reader.ReadVarInt(),
        PrimitiveKind.UInt64 => reader.ReadVarUInt(),
        PrimitiveKind.Char => checked((char)reader.ReadVarUInt()),
        PrimitiveKind.Single => BitConverter.Int32BitsToSingle(reader.ReadInt32()),
        PrimitiveKind.Double => BitConverter.Int64BitsToDouble(reader.ReadInt64()),
        PrimitiveKind.Decimal => ReadDecimal(ref reader),
        PrimitiveKind.String => reader.ReadString(),
        PrimitiveKind.Bytes => reader.ReadBytes(),
        PrimitiveKind.Guid => new Guid(reader.ReadSpan(16)),
        PrimitiveKind.DateTime => DateTime.FromBinary(reader.ReadInt64()),
        PrimitiveKind.DateTimeOffset => ReadDateTimeOffset(ref reader),
        PrimitiveKind.TimeSpan => new TimeSpan(reader.ReadVarInt()),
        _ => Void,
    };

    private static void WriteDecimal(WireBuffer buffer, decimal value)
    {
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(value, bits);
        foreach (var part in bits)
        {
            buffer.WriteInt32(part);
        }
    }

    private static decimal ReadDecimal(ref WireReader reader)
    {
        var bytes = reader.ReadSpan(16);
        Span<int> bits = stackalloc int[4];
        for (var i = 0; i < 4; i++)
        {
            bits[i] = BinaryPrimitives.ReadInt32LittleEndian(bytes[(i * 4)..]);
        }
        try
        {
            return new decimal(bits);
        }
        catch (ArgumentException ex)
        {
            throw new InvalidDataException($"Invalid decimal bits: {ex.Message}");
        }
    }

    private static DateTimeOffset ReadDateTimeOffset(ref WireReader reader)
    {
        var ticks = reader.ReadInt64();
        var offsetMinutes = reader.ReadVarInt();
        try
        {
            return new DateTimeOffset(ticks, TimeSpan.FromMinutes(offsetMinutes));
        }
        catch (ArgumentException ex)
        {
            throw new InvalidDataException($"Invalid date and offset: {ex.Message}");
        }
    }
}
