using BkMonitor.Runtime;

namespace BkMonitor.UnitTests.CodeGen;

// The receiving side: RequestFactory(methodId) builds an empty request, SetArgument fills it, InvokeAsync runs it.
public sealed class GrainRequestTests
{
    private static readonly GrainInterfaceDescriptor Echo = GrainTypeRegistry.GetInterface(typeof(ICodeGenEchoGrain));

    [Fact]
    public void Every_argument_of_every_method_round_trips_through_set_and_get()
    {
        for (var id = 0; id < 14; id++)
        {
            var request = Echo.RequestFactory(id);
            for (var i = 0; i < request.ArgumentCount; i++)
            {
                var value = SampleOf(request.GetArgumentType(i));
                request.SetArgument(i, value);
                Assert.Equal(value, request.GetArgument(i));
            }
        }
    }

    [Fact]
    public async Task Request_built_from_its_method_id_invokes_the_grain()
    {
        var grain = Activate(new GrainId("codegenecho", "wire"));
        var request = (GrainRequest<string>)Echo.RequestFactory(5);
        request.SetArgument(0, "e");
        request.SetArgument(1, 1);
        request.SetArgument(2, new[] { "x", "y" });

        Assert.Equal("e|1|x,y", await request.InvokeAsync(grain));
    }

    [Fact]
    public async Task Void_request_completes_with_void_result()
    {
        var grain = (CodeGenEchoGrain)Activate(new GrainId("codegenecho", "v"));
        var touch = (GrainRequest<VoidResult>)Echo.RequestFactory(13);
        touch.SetArgument(0, 2);

        Assert.Equal(default, await touch.InvokeAsync(grain));
        Assert.Equal(2, grain.Count);
    }

    [Fact]
    public void Nullable_arguments_accept_null()
    {
        var describe = Echo.RequestFactory(1);
        var lookup = Echo.RequestFactory(6);

        describe.SetArgument(0, null);
        lookup.SetArgument(0, null);

        Assert.Null(describe.GetArgument(0));
        Assert.Null(lookup.GetArgument(0));
    }

    [Fact]
    public void Argument_of_the_wrong_type_is_rejected()
        => Assert.Throws<InvalidCastException>(() => Echo.RequestFactory(0).SetArgument(0, "not a long"));

    [Theory]
    [InlineData(-1)]
    [InlineData(2)]
    public void Argument_index_outside_the_method_is_rejected(int index)
    {
        var add = Echo.RequestFactory(0);

        Assert.Throws<ArgumentOutOfRangeException>(() => add.GetArgument(index));
        Assert.Throws<ArgumentOutOfRangeException>(() => add.SetArgument(index, 1L));
        Assert.Throws<ArgumentOutOfRangeException>(() => add.GetArgumentType(index));
    }

    [Fact]
    public void Method_without_arguments_rejects_every_index()
    {
        var ping = Echo.RequestFactory(11);

        Assert.Equal(0, ping.ArgumentCount);
        Assert.Throws<ArgumentOutOfRangeException>(() => ping.GetArgument(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => ping.SetArgument(0, null));
    }

    [Fact]
    public void Unknown_method_id_names_the_interface()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Echo.RequestFactory(99));

        Assert.Contains("BkMonitor.UnitTests.CodeGen.ICodeGenEchoGrain", error.Message);
        Assert.Contains("99", error.Message);
    }

    [Fact]
    public void Each_factory_call_returns_a_fresh_request()
        => Assert.NotSame(Echo.RequestFactory(2), Echo.RequestFactory(2));

    private static Grain Activate(GrainId id)
    {
        var services = new FixedServices();
        return new LoopbackCallRuntime(services).Activation(id);
    }

    private static object SampleOf(Type type)
    {
        if (type == typeof(int))
        {
            return 7;
        }
        if (type == typeof(long) || type == typeof(long?))
        {
            return 8L;
        }
        if (type == typeof(string))
        {
            return "s";
        }
        if (type == typeof(string[]))
        {
            return new[] { "a", "b" };
        }
        if (type == typeof(CancellationToken))
        {
            return new CancellationToken(canceled: true);
        }
        throw new InvalidOperationException($"No sample value for {type}: extend the test.");
    }
}
