using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace BkMonitor.Runtime.Streams;

/// <summary>Names the stream-delivery request in <see cref="GrainTypeRegistry"/>; no grain implements it.</summary>
internal interface IStreamConsumer : IGrain
{
}

/// <summary>
/// A <see cref="StreamDeliveryRequest{T}"/> as it arrives from another silo: the event type by name and the events
/// as JSON, turned back into the typed request inside the target grain's turn. Registered once under
/// <see cref="StreamDeliveryRequest{T}.ConsumerInterface"/> so the transport can decode it like a generated request.
/// </summary>
internal sealed class RemoteStreamDelivery : GrainRequest<VoidResult>
{
    private static readonly Type[] ArgumentTypes = [typeof(string), typeof(string), typeof(string), typeof(string), typeof(string), typeof(byte[]), typeof(long), typeof(StreamSequenceToken[])];
    private static int s_registered;
    private readonly object?[] _arguments = new object?[ArgumentTypes.Length];

    public override string InterfaceName => StreamDelivery.ConsumerInterface;

    public override string MethodName => "OnNextAsync";

    public override int MethodId => 0;

    public override int ArgumentCount => ArgumentTypes.Length;

    public string Provider => (string)_arguments[0]!;

    public StreamId StreamId => new((string)_arguments[1]!, (string)_arguments[2]!);

    public Guid HandleId => Guid.ParseExact((string)_arguments[3]!, "N");

    public byte[] Items => (byte[])_arguments[5]!;

    public long Sequence => (long)_arguments[6]!;

    public StreamSequenceToken[]? Tokens => (StreamSequenceToken[]?)_arguments[7];

    /// <summary>Registers the request with the type registry once per process (every silo with a stream provider does).</summary>
    public static void Register()
    {
        if (Interlocked.Exchange(ref s_registered, 1) == 0)
        {
            GrainTypeRegistry.RegisterInterface(new GrainInterfaceDescriptor(
                typeof(IStreamConsumer),
                StreamDelivery.ConsumerInterface,
                (_, grainId) => throw new NotSupportedException($"Stream deliveries to {grainId} are made by the runtime, not through a proxy."),
                _ => new RemoteStreamDelivery()));
        }
    }

    public static Type ArgumentType(int index) => ArgumentTypes[index];

    public override object? GetArgument(int index) => _arguments[index];

    public override void SetArgument(int index, object? value) => _arguments[index] = value;

    public override Type GetArgumentType(int index) => ArgumentTypes[index];

    public override ValueTask<VoidResult> InvokeAsync(object target)
    {
        var logger = (target as Grain)?.GrainContext.ActivationServices.GetService<ILoggerFactory>()?.CreateLogger(typeof(StreamDelivery).FullName!) ?? NullLogger.Instance;
        return StreamEventTypes.Resolve((string)_arguments[4]!).InvokeDeliveryAsync(target, this, logger);
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"stream delivery {StreamId} from sequence {Sequence}");
}

/// <summary>Constants of the stream-delivery request shared by its local and remote forms.</summary>
internal static class StreamDelivery
{
    public const string ConsumerInterface = "BkMonitor.Runtime.Streams.IStreamConsumer";
}
