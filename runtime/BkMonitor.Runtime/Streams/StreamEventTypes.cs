using System.Collections.Concurrent;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace BkMonitor.Runtime.Streams;

/// <summary>
/// Event types by name (<c>Full.Name, Assembly</c>) and their JSON form, for events that leave the process: a
/// delivery to a grain on another silo, an event in a persistent queue. The JSON settings are the transport's (any
/// type that crosses silos as a call argument crosses as a stream event); relaxed escaping keeps Chinese text compact.
/// </summary>
internal static class StreamEventTypes
{
    private static readonly ConcurrentDictionary<Type, string> Names = new();
    private static readonly ConcurrentDictionary<string, StreamEventType> ByName = new(StringComparer.Ordinal);

    public static JsonSerializerOptions Json { get; } = CreateOptions();

    public static string NameOf(Type type) => Names.GetOrAdd(type, static t => $"{t.FullName}, {t.Assembly.GetName().Name}");

    /// <summary>The event type of <paramref name="name"/>, resolved once; a type this process cannot load is a <see cref="FormatException"/>.</summary>
    public static StreamEventType Resolve(string name)
        => ByName.GetOrAdd(name, static n => StreamEventType.For(Type.GetType(n, throwOnError: false)
            ?? throw new FormatException($"Stream event type '{n}' is not loaded in this process.")));

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.General)
        {
            IncludeFields = true,
            TypeInfoResolver = new DefaultJsonTypeInfoResolver(),
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        };
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
