using System.Text.Json;

namespace BkMonitor.Runtime.Transport;

/// <summary>Writes and reads one value of a declared type; chosen once per type by <see cref="For"/>.</summary>
internal abstract class WireValueCodec
{
    public abstract void Write(WireBuffer buffer, object? value);

    public abstract object? Read(ref WireReader reader);

    /// <summary>Compact binary for primitives, strings, byte arrays, enums and their nullables; JSON for everything else.</summary>
    public static WireValueCodec For(Type type, JsonSerializerOptions jsonOptions)
    {
        if (PrimitiveValueCodec.TryCreate(type, out var primitive))
        {
            return primitive;
        }
        if (type.IsEnum)
        {
            return new EnumValueCodec(type);
        }
        if (Nullable.GetUnderlyingType(type) is { } underlying)
        {
            var inner = For(underlying, jsonOptions);
            if (inner is not JsonValueCodec)
            {
                return new NullableValueCodec(inner);
            }
        }
        return new JsonValueCodec(jsonOptions.GetTypeInfo(type));
    }
}
