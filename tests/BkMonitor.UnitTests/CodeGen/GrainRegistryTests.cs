using BkMonitor.Runtime;

namespace BkMonitor.UnitTests.CodeGen;

// What the generated module initializers put in the registry for this assembly and for Runtime.Abstractions.
public sealed class GrainRegistryTests
{
    [Fact]
    public void Every_grain_interface_of_the_assembly_is_registered_under_its_runtime_name()
    {
        Type[] interfaces =
        [
            typeof(ICodeGenEchoGrain), typeof(Nested.ICodeGenEchoGrain), typeof(ICodeGenCounterGrain), typeof(ICodeGenBaseGrain),
            typeof(ICodeGenDerivedGrain), typeof(ICodeGenInternalGrain), typeof(CodeGenContainer.ICodeGenNestedGrain),
        ];
        foreach (var type in interfaces)
        {
            var descriptor = GrainTypeRegistry.GetInterface(type);
            Assert.Equal(type, descriptor.InterfaceType);
            Assert.Equal(type.FullName, descriptor.InterfaceName);
            Assert.Same(descriptor, GrainTypeRegistry.GetInterface(type.FullName!));
        }
    }

    [Fact]
    public void Remindable_from_runtime_abstractions_has_a_proxy()
    {
        var descriptor = GrainTypeRegistry.GetInterface(typeof(IRemindable));

        var proxy = descriptor.ProxyFactory(new LoopbackCallRuntime(new FixedServices()), new GrainId("codegen-counter", "1"));

        Assert.IsAssignableFrom<IRemindable>(proxy);
        Assert.Equal("BkMonitor.Runtime.IRemindable", proxy.InterfaceName);
        Assert.Equal("ReceiveReminder", descriptor.RequestFactory(0).MethodName);
    }

    [Fact]
    public void Marker_interfaces_are_not_grain_interfaces()
    {
        Assert.Throws<GrainInterfaceNotRegisteredException>(() => GrainTypeRegistry.GetInterface(typeof(IGrain)));
        Assert.Throws<GrainInterfaceNotRegisteredException>(() => GrainTypeRegistry.GetInterface(typeof(IGrainWithStringKey)));
        Assert.Throws<GrainInterfaceNotRegisteredException>(() => GrainTypeRegistry.GetInterface(typeof(IGrainWithIntegerKey)));
    }

    [Fact]
    public void Proxy_visibility_follows_the_interface()
    {
        var services = new FixedServices();
        var publicProxy = GrainTypeRegistry.GetInterface(typeof(ICodeGenEchoGrain)).ProxyFactory(new LoopbackCallRuntime(services), new GrainId("x", "1"));
        var internalProxy = GrainTypeRegistry.GetInterface(typeof(ICodeGenInternalGrain)).ProxyFactory(new LoopbackCallRuntime(services), new GrainId("x", "1"));

        Assert.True(publicProxy.GetType().IsPublic);
        Assert.False(internalProxy.GetType().IsPublic);
        Assert.True(publicProxy.GetType().IsSealed);
    }

    [Fact]
    public void Interfaces_sharing_a_simple_name_get_distinct_proxies()
    {
        var services = new FixedServices();
        var first = GrainTypeRegistry.GetInterface(typeof(ICodeGenEchoGrain)).ProxyFactory(new LoopbackCallRuntime(services), new GrainId("x", "1"));
        var second = GrainTypeRegistry.GetInterface(typeof(Nested.ICodeGenEchoGrain)).ProxyFactory(new LoopbackCallRuntime(services), new GrainId("x", "1"));

        Assert.NotEqual(first.GetType(), second.GetType());
        Assert.IsAssignableFrom<Nested.ICodeGenEchoGrain>(second);
        Assert.False(second is ICodeGenEchoGrain);
    }

    [Fact]
    public void Grain_type_defaults_to_the_lower_cased_class_name_without_grain_suffix()
    {
        Assert.Equal(typeof(CodeGenEchoGrain), GrainTypeRegistry.GetClass("codegenecho").GrainClass);
        Assert.Equal(typeof(CodeGenWorkerGrain), GrainTypeRegistry.GetClass("codegenworker").GrainClass);
        Assert.Equal(typeof(CodeGenNestedGrain), GrainTypeRegistry.GetClass("codegennested").GrainClass);
        Assert.Equal(typeof(CodeGenInternalGrain), GrainTypeRegistry.GetClass("codegeninternal").GrainClass);
    }

    [Fact]
    public void Counter_grain_descriptor_carries_every_class_attribute()
    {
        var descriptor = GrainTypeRegistry.GetClass("codegen-counter");

        Assert.Equal(typeof(CodeGenCounterGrain), descriptor.GrainClass);
        Assert.True(descriptor.IsReentrant);
        Assert.Equal(0, descriptor.StatelessWorkerMaxLocal);
        Assert.False(descriptor.IsStatelessWorker);
        Assert.Equal(["codegen-a", "codegen-b"], descriptor.ImplicitStreamNamespaces);
        Assert.Equal("compute", descriptor.PlacementRole);
        Assert.Equal([typeof(IRemindable), typeof(ICodeGenCounterGrain)], descriptor.Interfaces);
    }

    [Fact]
    public void Plain_grain_descriptor_has_default_flags()
    {
        var descriptor = GrainTypeRegistry.GetClass("codegenecho");

        Assert.False(descriptor.IsReentrant);
        Assert.Equal(0, descriptor.StatelessWorkerMaxLocal);
        Assert.Empty(descriptor.ImplicitStreamNamespaces);
        Assert.Null(descriptor.PlacementRole);
        Assert.Equal([typeof(ICodeGenEchoGrain), typeof(Nested.ICodeGenEchoGrain)], descriptor.Interfaces);
    }

    [Fact]
    public void Stateless_worker_without_size_pools_one_activation_per_processor()
        => Assert.Equal(Environment.ProcessorCount, GrainTypeRegistry.GetClass("codegenworker").StatelessWorkerMaxLocal);

    [Fact]
    public void Stateless_worker_with_size_keeps_it()
    {
        var descriptor = GrainTypeRegistry.GetClass("codegeninternal");

        Assert.Equal(4, descriptor.StatelessWorkerMaxLocal);
        Assert.True(descriptor.IsStatelessWorker);
    }

    [Fact]
    public void Interfaces_inherited_through_an_abstract_base_class_are_listed()
        => Assert.Equal([typeof(ICodeGenBaseGrain), typeof(ICodeGenDerivedGrain)], GrainTypeRegistry.GetClass("codegenworker").Interfaces);

    [Fact]
    public void Abstract_grain_classes_are_not_registered()
        => Assert.DoesNotContain(GrainTypeRegistry.Classes, d => d.GrainClass == typeof(CodeGenGrainBase));

    [Fact]
    public void Method_ids_follow_declaring_interface_then_name_then_signature()
    {
        var echo = GrainTypeRegistry.GetInterface(typeof(ICodeGenEchoGrain));
        string[] expected =
        [
            "Add", "Describe", "Echo", "Fail", "GetCount", "Keywords", "Lookup", "Notify", "NotifyValue",
            "Overload", "Overload", "Ping", "Sum", "Touch",
        ];
        for (var id = 0; id < expected.Length; id++)
        {
            var request = echo.RequestFactory(id);
            Assert.Equal(id, request.MethodId);
            Assert.Equal(expected[id], request.MethodName);
        }
        Assert.Equal(typeof(int), echo.RequestFactory(9).GetArgumentType(0));
        Assert.Equal(typeof(string), echo.RequestFactory(10).GetArgumentType(0));
    }

    [Fact]
    public void Inherited_methods_are_numbered_within_the_derived_interface()
    {
        var counter = GrainTypeRegistry.GetInterface(typeof(ICodeGenCounterGrain));
        var derived = GrainTypeRegistry.GetInterface(typeof(ICodeGenDerivedGrain));

        // "BkMonitor.Runtime.IRemindable" sorts before "BkMonitor.UnitTests...", so the inherited method comes first.
        Assert.Equal(["ReceiveReminder", "Get", "Increment"], [counter.RequestFactory(0).MethodName, counter.RequestFactory(1).MethodName, counter.RequestFactory(2).MethodName]);
        Assert.Equal("BkMonitor.UnitTests.CodeGen.ICodeGenCounterGrain", counter.RequestFactory(0).InterfaceName);
        Assert.Equal(["Name", "Extra"], [derived.RequestFactory(0).MethodName, derived.RequestFactory(1).MethodName]);
    }

    [Fact]
    public void Method_ids_are_dense_and_name_distinct_signatures()
    {
        var echo = GrainTypeRegistry.GetInterface(typeof(ICodeGenEchoGrain));
        var signatures = new HashSet<string>();
        for (var id = 0; id < 14; id++)
        {
            var request = echo.RequestFactory(id);
            var types = new List<string>();
            for (var i = 0; i < request.ArgumentCount; i++)
            {
                types.Add(request.GetArgumentType(i).Name);
            }
            Assert.True(signatures.Add($"{request.MethodName}({string.Join(",", types)})"));
        }
        Assert.Throws<ArgumentOutOfRangeException>(() => echo.RequestFactory(14));
    }

    [Fact]
    public void Request_options_come_from_method_attributes()
    {
        var echo = GrainTypeRegistry.GetInterface(typeof(ICodeGenEchoGrain));

        Assert.Equal(InvokeMethodOptions.None, echo.RequestFactory(2).Options);
        Assert.Equal(InvokeMethodOptions.AlwaysInterleave, echo.RequestFactory(1).Options);
        Assert.Equal(InvokeMethodOptions.ReadOnly, echo.RequestFactory(4).Options);
        Assert.Equal(InvokeMethodOptions.AlwaysInterleave | InvokeMethodOptions.ReadOnly, echo.RequestFactory(6).Options);
        Assert.Equal(InvokeMethodOptions.OneWay, echo.RequestFactory(7).Options);
        Assert.Equal(InvokeMethodOptions.OneWay, echo.RequestFactory(8).Options);
    }

    [Fact]
    public void Request_result_type_is_the_awaited_type_or_void_result()
    {
        var echo = GrainTypeRegistry.GetInterface(typeof(ICodeGenEchoGrain));

        Assert.Equal(typeof(long), echo.RequestFactory(0).ResultType);
        Assert.Equal(typeof(string), echo.RequestFactory(1).ResultType);
        Assert.Equal(typeof(int), echo.RequestFactory(4).ResultType);
        Assert.Equal(typeof(long?), echo.RequestFactory(6).ResultType);
        Assert.Equal(typeof(VoidResult), echo.RequestFactory(11).ResultType);
        Assert.Equal(typeof(VoidResult), echo.RequestFactory(13).ResultType);
    }
}
