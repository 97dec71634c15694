namespace BkMonitor.Runtime.Transport;

/// <summary>A <see cref="Nullable{T}"/>: a presence byte, then the value.</summary>
internal sealed class NullableValueCodec(WireValueCodec inner) : WireValueCodec
{
    public override void Write(WireBuffer buffer, object? value)
    {
        buffer.WriteByte(value is null ? (byte)0 : (byte)1);
        if (value is not null)
        {
            inner.Write(buffer, value);
        }
    }

    public override object? Read(ref WireReader reader) => reader.ReadByte() == 0 ? null : inner.Read(ref reader);
}
