using System.Runtime.Serialization;
using BkMonitor.Runtime;
using BkMonitor.Runtime.Transport;

namespace BkMonitor.UnitTests.Transport;

public sealed class GrainRequestCodecTests
{
    private static readonly GrainRequestCodec Codec = GrainRequestCodec.Default;

    public static TheoryData<Type, object?> Values => new()
    {
        { typeof(bool), true },
        { typeof(byte), (byte)200 },
        { typeof(sbyte), (sbyte)-100 },
        { typeof(short), short.MinValue },
        { typeof(ushort), ushort.MaxValue },
        { typeof(int), int.MinValue },
        { typeof(uint), uint.MaxValue },
        { typeof(long), long.MaxValue },
        { typeof(ulong), ulong.MaxValue },
        { typeof(char), '告' },
        { typeof(float), 3.25f },
        { typeof(double), double.NegativeInfinity },
        { typeof(decimal), -79228162514264337593543950335m },
        { typeof(string), "" },
        { typeof(string), null },
        { typeof(Guid), new Guid("0f8fad5b-d9cb-469f-a165-70867728950e") },
        { typeof(DateTime), new DateTime(2024, 1, 2, 3, 4, 5, DateTimeKind.Utc) },
        { typeof(DateTimeOffset), new DateTimeOffset(2024, 1, 2, 3, 4, 5, TimeSpan.FromMinutes(-330)) },
        { typeof(TimeSpan), TimeSpan.FromTicks(-1) },
        { typeof(DayOfWeek), DayOfWeek.Sunday },
        { typeof(int?), 5 },
        { typeof(int?), null },
        { typeof(DateTimeOffset?), DateTimeOffset.UnixEpoch },
        { typeof(List<int>), new List<int> { 1, 2, 3 } },
        { typeof((int, string)), (7, "seven") },
        { typeof(object), null },
    };

    [Theory]
    [MemberData(nameof(Values))]
    public void Result_of_each_supported_type_survives_a_roundtrip(Type type, object? value)
    {
        var response = Codec.EncodeResult(value, type);

        var decoded = ReadAs(type, response);

        Assert.Equal(value, decoded);
        if (value is DateTime time)
        {
            Assert.Equal(time.Kind, ((DateTime)decoded!).Kind);
        }
    }

    [Fact]
    public void Primitive_arguments_use_the_compact_binary_layout()
    {
        var request = EchoRequests.Double().With(-3L);

        // zigzag(-3) = 5: one byte, where JSON would need at least two.
        Assert.Equal(new byte[] { 5 }, Codec.EncodeArguments(request));
    }

    [Fact]
    public void Null_and_empty_byte_arrays_stay_distinct()
    {
        var empty = Codec.EncodeArguments(EchoRequests.Store().With(Array.Empty<byte>()));
        var missing = Codec.EncodeArguments(EchoRequests.Store().With((byte[]?)null));

        Assert.Equal(new byte[] { 1 }, empty);
        Assert.Equal(new byte[] { 0 }, missing);
    }

    [Fact]
    public void Decoding_creates_the_request_through_the_registered_interface()
    {
        var envelope = Codec.CreateEnvelope(new GrainId("echo", "9"), EchoRequests.Fail().With("rule", "message"), TimeSpan.FromSeconds(2));

        var decoded = Codec.DecodeRequest(envelope);

        Assert.Equal("Fail", decoded.MethodName);
        Assert.Equal("rule", decoded.GetArgument(0));
        Assert.Equal("message", decoded.GetArgument(1));
        Assert.Equal(2000, envelope.TimeoutMs);
        Assert.Equal(MessageFlags.None, envelope.Flags);
    }

    [Fact]
    public void Extra_bytes_after_the_arguments_mean_the_interfaces_differ()
    {
        var body = Codec.EncodeArguments(EchoRequests.Double().With(1L)).Append((byte)0).ToArray();

        var error = Assert.Throws<SerializationException>(() => Codec.DecodeArguments(EchoRequests.Double(), body));

        Assert.Contains("1 bytes are left", error.Message);
        Assert.Contains("Double", error.Message);
    }

    [Fact]
    public void Truncated_arguments_name_the_argument_that_could_not_be_read()
    {
        var body = Codec.EncodeArguments(EchoRequests.Fail().With("rule", "a long enough message"));

        var error = Assert.Throws<SerializationException>(() => Codec.DecodeArguments(EchoRequests.Fail(), body.AsSpan(0, body.Length - 3)));

        Assert.Contains("Argument 1 (String)", error.Message);
    }

    [Fact]
    public void Argument_that_cannot_be_encoded_names_its_position_and_type()
    {
        var request = EchoRequests.Double().With("not a long");

        var error = Assert.Throws<SerializationException>(() => Codec.EncodeArguments(request));

        Assert.Contains("Argument 0 (Int64)", error.Message);
    }

    [Fact]
    public void Unknown_exception_type_comes_back_as_remote_exception_with_type_message_and_stack()
    {
        var response = Codec.EncodeException(Thrown(new AlarmRuleException("no items")));

        var error = Assert.IsType<RemoteGrainException>(Codec.DecodeException(response));

        Assert.Equal("no items", error.Message);
        Assert.Equal(typeof(AlarmRuleException).FullName, error.RemoteExceptionType);
        Assert.Contains(nameof(Thrown), error.RemoteStackTrace);
        Assert.Contains(nameof(Thrown), error.StackTrace);
    }

    [Fact]
    public void A_providers_unavailable_exception_comes_back_as_the_base_type_with_its_dependency()
    {
        var response = Codec.EncodeException(Thrown(new StoreDownException()));

        var error = Assert.IsType<DependencyUnavailableException>(Codec.DecodeException(response));

        Assert.Equal(("Redis", "node a is down"), (error.Dependency, error.Message));
    }

    [Fact]
    public void Argument_out_of_range_keeps_its_parameter_without_repeating_it_in_the_message()
    {
        var original = Thrown(new ArgumentOutOfRangeException("window", 0, "must be positive"));

        var error = Assert.IsType<ArgumentOutOfRangeException>(Codec.DecodeException(Codec.EncodeException(original)));

        Assert.Equal("window", error.ParamName);
        Assert.Equal(1, CountOf(error.Message, "(Parameter 'window')"));
    }

    [Fact]
    public void Rejected_response_read_as_a_result_is_a_clear_silo_unavailable_error()
    {
        var envelope = Codec.CreateEnvelope(new GrainId("echo", "1"), EchoRequests.Double().With(1L), TimeSpan.FromSeconds(1));

        var error = Assert.Throws<SiloUnavailableException>(() => Codec.ReadResult<long>(ResponseEnvelope.Rejected("not the owner"), envelope));

        Assert.Contains("not the owner", error.Message);
    }

    private static object? ReadAs(Type type, ResponseEnvelope response)
    {
        var envelope = Codec.CreateEnvelope(new GrainId("echo", "1"), EchoRequests.Hang(), TimeSpan.FromSeconds(1));
        var read = typeof(GrainRequestCodec).GetMethod(nameof(GrainRequestCodec.ReadResult))!.MakeGenericMethod(type);
        return read.Invoke(Codec, [response, envelope]);
    }

    private static Exception Thrown(Exception exception)
    {
        try
        {
            throw exception;
        }
        catch (Exception caught)
        {
            return caught;
        }
    }

    private static int CountOf(string text, string part) => text.Split(part).Length - 1;

    private sealed class StoreDownException() : DependencyUnavailableException("Redis", "node a is down");
}
