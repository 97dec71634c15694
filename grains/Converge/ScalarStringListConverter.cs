using System.Text.Json;
using System.Text.Json.Serialization;
using BkMonitor.Grains.Hashing;

namespace BkMonitor.Grains.Converge;

/// <summary>
/// Reads a JSON list of scalars (or one scalar) as strings rendered the Python way, because condition
/// values such as alert levels arrive as numbers but are compared with <c>str(value)</c>.
/// </summary>
internal sealed class ScalarStringListConverter : JsonConverter<IReadOnlyList<string>>
{
    public override IReadOnlyList<string> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using var doc = JsonDocument.ParseValue(ref reader);
        var root = doc.RootElement;
        if (root.ValueKind != JsonValueKind.Array) return [Render(root)];
        var values = new List<string>(root.GetArrayLength());
        foreach (var item in root.EnumerateArray()) values.Add(Render(item));
        return values;
    }

    public override void Write(Utf8JsonWriter writer, IReadOnlyList<string> value, JsonSerializerOptions options)
    {
        writer.WriteStartArray();
        foreach (var item in value) writer.WriteStringValue(item);
        writer.WriteEndArray();
    }

    private static string Render(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object or JsonValueKind.Array =>
            throw new JsonException("converge condition values must be scalars"),
        _ => PythonStr.Of(element),
    };
}
