namespace BkMonitor.Runtime.Transport;

/// <summary>An enum as a varint of its underlying value (zigzag unless the underlying type is ulong).</summary>
internal sealed class EnumValueCodec(Type enumType) : WireValueCodec
{
    private readonly bool _unsigned64 = Type.GetTypeCode(Enum.GetUnderlyingType(enumType)) == TypeCode.UInt64;

    public override void Write(WireBuffer buffer, object? value)
    {
        if (_unsigned64)
        {
            buffer.WriteVarUInt(Convert.ToUInt64(value, System.Globalization.CultureInfo.InvariantCulture));
        }
        else
        {
            buffer.WriteVarInt(Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    public override object? Read(ref WireReader reader)
        => _unsigned64 ? Enum.ToObject(enumType, reader.ReadVarUInt()) : Enum.ToObject(enumType, reader.ReadVarInt());
}
