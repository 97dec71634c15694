using System.Buffers.Text;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace BkMonitor.Grains.Trigger;

/// <summary>
/// Writes and reads <see cref="TriggerWindowState"/> in the shape the default serializer gives it
/// (<c>{"anomalies": {md5: {level: [times]}}, "eventsPerTime": {time: count}}</c>, names by the naming policy),
/// without the default's per-level frames: the trigger writes its windows after every anomaly batch, and three
/// nested collections made that write the largest cost of the trigger stage.
/// </summary>
internal sealed class TriggerWindowStateJsonConverter : JsonConverter<TriggerWindowState>
{
    public override void Write(Utf8JsonWriter writer, TriggerWindowState value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        writer.WriteStartObject(NameOf(nameof(TriggerWindowState.Anomalies), options));
        foreach (var (series, levels) in value.Anomalies)
        {
            writer.WriteStartObject(series);
            foreach (var (level, times) in levels)
            {
                writer.WriteStartArray(level.ToString(CultureInfo.InvariantCulture));
                foreach (var time in times) writer.WriteNumberValue(time);
                writer.WriteEndArray();
            }
            writer.WriteEndObject();
        }
        writer.WriteEndObject();
        writer.WriteStartObject(NameOf(nameof(TriggerWindowState.EventsPerTime), options));
        foreach (var (time, count) in value.EventsPerTime) writer.WriteNumber(time.ToString(CultureInfo.InvariantCulture), count);
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    public override TriggerWindowState Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        Expect(ref reader, JsonTokenType.StartObject);
        var state = new TriggerWindowState();
        while (Next(ref reader) == JsonTokenType.PropertyName)
        {
            var name = reader.GetString()!;
            Next(ref reader);
            if (Is(name, nameof(TriggerWindowState.Anomalies)) && reader.TokenType != JsonTokenType.Null) ReadAnomalies(ref reader, state.Anomalies);
            else if (Is(name, nameof(TriggerWindowState.EventsPerTime)) && reader.TokenType != JsonTokenType.Null) ReadEventsPerTime(ref reader, state.EventsPerTime);
            else reader.Skip();
        }
        return state;
    }

    private static void ReadAnomalies(ref Utf8JsonReader reader, Dictionary<string, Dictionary<int, List<long>>> anomalies)
    {
        Expect(ref reader, JsonTokenType.StartObject);
        while (Next(ref reader) == JsonTokenType.PropertyName)
        {
            var series = reader.GetString()!;
            Next(ref reader);
            Expect(ref reader, JsonTokenType.StartObject);
            var levels = new Dictionary<int, List<long>>();
            while (Next(ref reader) == JsonTokenType.PropertyName)
            {
                var key = Key(ref reader);
                var level = key is >= int.MinValue and <= int.MaxValue ? (int)key : throw new JsonException($"trigger window state: level {key} out of range");
                Next(ref reader);
                Expect(ref reader, JsonTokenType.StartArray);
                var times = new List<long>();
                while (Next(ref reader) != JsonTokenType.EndArray) times.Add(Int64(ref reader));
                levels[level] = times;
            }
            anomalies[series] = levels;
        }
    }

    private static void ReadEventsPerTime(ref Utf8JsonReader reader, Dictionary<long, int> eventsPerTime)
    {
        Expect(ref reader, JsonTokenType.StartObject);
        while (Next(ref reader) == JsonTokenType.PropertyName)
        {
            var time = Key(ref reader);
            Next(ref reader);
            var count = Int64(ref reader);
            eventsPerTime[time] = count is >= 0 and <= int.MaxValue ? (int)count : throw new JsonException($"trigger window state: event count {count} out of range");
        }
    }

    private static long Key(ref Utf8JsonReader reader)
        => Utf8Parser.TryParse(reader.ValueSpan, out long value, out var used) && used == reader.ValueSpan.Length && !reader.ValueIsEscaped
            ? value
            : throw new JsonException($"trigger window state: '{reader.GetString()}' is not an integer key");

    /// <summary>A number, or a number in a string (the web defaults this state was first written with read both).</summary>
    private static long Int64(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.Number => reader.GetInt64(),
        JsonTokenType.String when Utf8Parser.TryParse(reader.ValueSpan, out long value, out var used) && used == reader.ValueSpan.Length => value,
        _ => throw new JsonException($"trigger window state: expected an integer, got {reader.TokenType}"),
    };

    private static JsonTokenType Next(ref Utf8JsonReader reader)
    {
        if (!reader.Read()) throw new JsonException("trigger window state: unexpected end of data");
        return reader.TokenType;
    }

    private static void Expect(ref Utf8JsonReader reader, JsonTokenType type)
    {
        if (reader.TokenType != type) throw new JsonException($"trigger window state: expected {type}, got {reader.TokenType}");
    }

    private static bool Is(string name, string property) => string.Equals(name, property, StringComparison.OrdinalIgnoreCase);

    private static string NameOf(string property, JsonSerializerOptions options) => options.PropertyNamingPolicy?.ConvertName(property) ?? property;
}
