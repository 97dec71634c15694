using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace BkMonitor.Runtime.Transport;

/// <summary>Any other type as UTF-8 JSON behind a four-byte length.</summary>
internal sealed class JsonValueCodec(JsonTypeInfo typeInfo) : WireValueCodec
{
    // The wire is not HTML, so relaxed escaping keeps non-ASCII text (Chinese alarm content) compact.
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true };

    [ThreadStatic]
    private static Utf8JsonWriter? t_writer;

    public override void Write(WireBuffer buffer, object? value)
    {
        var lengthAt = buffer.ReserveInt32();
        var writer = WriterFor(buffer);
        JsonSerializer.Serialize(writer, value, typeInfo);
        writer.Flush();
        buffer.PatchInt32(lengthAt, buffer.WrittenCount - lengthAt - 4);
    }

    public override object? Read(ref WireReader reader)
    {
        var length = reader.ReadInt32();
        return JsonSerializer.Deserialize(reader.ReadSpan(length), typeInfo);
    }

    private static Utf8JsonWriter WriterFor(WireBuffer buffer)
    {
        if (t_writer is { } writer)
        {
            writer.Reset(buffer);
            return writer;
        }
        return t_writer = new Utf8JsonWriter(buffer, WriterOptions);
    }
}
