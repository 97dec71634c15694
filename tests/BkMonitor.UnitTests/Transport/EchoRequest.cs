using BkMonitor.Runtime;
using BkMonitor.Runtime.Transport;

namespace BkMonitor.UnitTests.Transport;

internal interface IEchoInvocable
{
    ValueTask<ResponseEnvelope> InvokeAndEncodeAsync(IEchoService service);
}

/// <summary>Hand-written stand-in for a generated request of <see cref="IEchoService"/>: arguments in an array.</summary>
internal sealed class EchoRequest<TResult>(int methodId, string methodName, Type[] argumentTypes, Func<IEchoService, object?[], ValueTask<TResult>> invoke, InvokeMethodOptions options = InvokeMethodOptions.None)
    : GrainRequest<TResult>, IEchoInvocable
{
    private readonly object?[] _arguments = new object?[argumentTypes.Length];

    public override string InterfaceName => EchoRequests.InterfaceName;

    public override string MethodName => methodName;

    public override int MethodId => methodId;

    public override InvokeMethodOptions Options => options;

    public override int ArgumentCount => argumentTypes.Length;

    public override object? GetArgument(int index) => _arguments[index];

    public override void SetArgument(int index, object? value) => _arguments[index] = value;

    public override Type GetArgumentType(int index) => argumentTypes[index];

    public EchoRequest<TResult> With(params object?[] arguments)
    {
        arguments.CopyTo(_arguments, 0);
        return this;
    }

    public override ValueTask<TResult> InvokeAsync(object target) => invoke((IEchoService)target, _arguments);

    public async ValueTask<ResponseEnvelope> InvokeAndEncodeAsync(IEchoService service)
    {
        try
        {
            return GrainRequestCodec.Default.EncodeResult(await InvokeAsync(service));
        }
        catch (Exception ex)
        {
            return GrainRequestCodec.Default.EncodeException(ex);
        }
    }
}

/// <summary>The request factory the generator would emit for <see cref="IEchoService"/>, registered once per process.</summary>
internal static class EchoRequests
{
    public static readonly string InterfaceName = typeof(IEchoService).FullName!;

    static EchoRequests() => GrainTypeRegistry.RegisterInterface(
        new GrainInterfaceDescriptor(typeof(IEchoService), InterfaceName, (_, _) => throw new NotSupportedException("No proxies in transport tests."), Create));

    public static GrainRequest Create(int methodId) => methodId switch
    {
        0 => Echo(),
        1 => Double(),
        2 => Fail(),
        3 => Hang(),
        4 => Notify(),
        5 => Store(),
        _ => throw new ArgumentOutOfRangeException(nameof(methodId), methodId, "IEchoService has methods 0-5."),
    };

    public static EchoRequest<EchoResult> Echo() => new(0, "Echo",
        [typeof(int), typeof(string), typeof(long), typeof(byte[]), typeof(DateTimeOffset), typeof(Guid), typeof(DayOfWeek), typeof(int?), typeof(EchoPayload), typeof(List<string>)],
        (s, a) => s.Echo((int)a[0]!, (string?)a[1], (long)a[2]!, (byte[])a[3]!, (DateTimeOffset)a[4]!, (Guid)a[5]!, (DayOfWeek)a[6]!, (int?)a[7], (EchoPayload)a[8]!, (List<string>)a[9]!));

    public static EchoRequest<long> Double() => new(1, "Double", [typeof(long)], (s, a) => s.Double((long)a[0]!));

    public static EchoRequest<VoidResult> Fail() => new(2, "Fail", [typeof(string), typeof(string)], async (s, a) =>
    {
        await s.Fail((string)a[0]!, (string)a[1]!);
        return default;
    });

    public static EchoRequest<int> Hang() => new(3, "Hang", [], (s, _) => s.Hang());

    public static EchoRequest<VoidResult> Notify() => new(4, "Notify", [typeof(string)], async (s, a) =>
    {
        await s.Notify((string)a[0]!);
        return default;
    }, InvokeMethodOptions.OneWay);

    public static EchoRequest<int> Store() => new(5, "Store", [typeof(byte[])], (s, a) => s.Store((byte[])a[0]!));
}
