using System.Runtime.Serialization;
using System.Text.Json;

namespace BkMonitor.Runtime.Storage;

/// <summary>Grain state as UTF-8 JSON with System.Text.Json web defaults (camelCase unless the type names its properties).</summary>
public sealed class JsonGrainStateSerializer : IGrainStateSerializer
{
    private readonly JsonSerializerOptions _options;

    public JsonGrainStateSerializer()
        : this(new JsonSerializerOptions(JsonSerializerDefaults.Web))
    {
    }

    public JsonGrainStateSerializer(JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
    }

    public byte[] Serialize<TState>(TState state)
    {
        try
        {
            return JsonSerializer.SerializeToUtf8Bytes(state, _options);
        }
        catch (Exception ex) when (ex is NotSupportedException or JsonException or InvalidOperationException)
        {
            throw new SerializationException($"Grain state of type {typeof(TState).FullName} cannot be written as JSON: {ex.Message}", ex);
        }
    }

    public TState Deserialize<TState>(ReadOnlySpan<byte> data)
    {
        try
        {
            return JsonSerializer.Deserialize<TState>(data, _options)!;
        }
        catch (Exception ex) when (ex is NotSupportedException or JsonException or InvalidOperationException)
        {
            throw new SerializationException(
                $"Stored grain state cannot be read as {typeof(TState).FullName} ({data.Length} bytes): {ex.Message}", ex);
        }
    }
}
