using BkMonitor.Runtime;

namespace BkMonitor.UnitTests.CodeGen;

// Generated proxy → recorded request → request.InvokeAsync(activation) → result back through the proxy.
public sealed class GrainProxyTests
{
    private readonly LoopbackCallRuntime _runtime = new(new FixedServices(new FixedClock(1234)));

    [Fact]
    public async Task Proxy_sends_a_request_with_the_arguments_and_returns_the_grain_result()
    {
        var result = await _runtime.GetGrain<ICodeGenEchoGrain>("k1").Echo("hello");

        Assert.Equal("echo:hello:k1", result);
        var (target, request, oneWay) = Assert.Single(_runtime.Calls);
        Assert.Equal(new GrainId("codegenecho", "k1"), target);
        Assert.False(oneWay);
        Assert.Equal("BkMonitor.UnitTests.CodeGen.ICodeGenEchoGrain", request.InterfaceName);
        Assert.Equal("Echo", request.MethodName);
        Assert.Equal(2, request.MethodId);
        Assert.Equal(1, request.ArgumentCount);
        Assert.Equal("hello", request.GetArgument(0));
    }

    [Fact]
    public async Task Value_type_arguments_keep_their_declared_type()
    {
        Assert.Equal(42L, await _runtime.GetGrain<ICodeGenEchoGrain>("k").Add(40, 2));

        var request = Assert.Single(_runtime.Calls).Request;
        Assert.IsType<long>(request.GetArgument(0));
        Assert.IsType<int>(request.GetArgument(1));
        Assert.Equal(2, request.GetArgument(1));
    }

    [Fact]
    public async Task Keyword_parameter_names_and_params_arrays_pass_through()
    {
        Assert.Equal("e|3|a,b", await _runtime.GetGrain<ICodeGenEchoGrain>("k").Keywords("e", 3, "a", "b"));

        Assert.Equal(new[] { "a", "b" }, Assert.Single(_runtime.Calls).Request.GetArgument(2));
    }

    [Fact]
    public async Task Default_parameter_values_are_applied_by_the_caller()
    {
        Assert.Equal(15, await _runtime.GetGrain<ICodeGenEchoGrain>("k").Sum(5));

        Assert.Equal(10, Assert.Single(_runtime.Calls).Request.GetArgument(1));
    }

    [Fact]
    public async Task Cancellation_token_is_an_ordinary_argument()
    {
        using var cancellation = new CancellationTokenSource();
        var grain = _runtime.GetGrain<ICodeGenEchoGrain>("k");

        Assert.Equal("p:k:True", await grain.Describe("p", cancellation.Token));
        Assert.Null(await grain.Describe(null));
        Assert.Equal(cancellation.Token, _runtime.Calls[0].Request.GetArgument(1));
    }

    [Fact]
    public async Task Synchronously_completed_task_method_completes_the_proxy_task_synchronously()
    {
        var grain = _runtime.GetGrain<ICodeGenEchoGrain>("k");

        var ping = grain.Ping();

        Assert.True(ping.IsCompletedSuccessfully);
        await ping;
        Assert.Equal(1, await grain.GetCount());
    }

    [Fact]
    public async Task Asynchronously_completing_value_task_methods_deliver_their_results()
    {
        var grain = _runtime.GetGrain<ICodeGenEchoGrain>("k");

        await grain.Touch(3);

        Assert.Equal(3, await grain.GetCount());
        Assert.Equal(42L, await grain.Lookup(21));
        Assert.Null(await grain.Lookup(null));
    }

    [Fact]
    public async Task Grain_exception_propagates_to_the_caller()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => _runtime.GetGrain<ICodeGenEchoGrain>("k").Fail("boom"));

        Assert.Equal("boom", error.Message);
    }

    [Fact]
    public async Task One_way_methods_return_completed_tasks_and_use_the_one_way_path()
    {
        var grain = _runtime.GetGrain<ICodeGenEchoGrain>("k");

        var notify = grain.Notify("n1");
        var notifyValue = grain.NotifyValue(7);

        Assert.True(notify.IsCompletedSuccessfully);
        Assert.True(notifyValue.IsCompletedSuccessfully);
        await notify;
        await notifyValue;
        Assert.All(_runtime.Calls, call => Assert.True(call.OneWay));
        var activation = (CodeGenEchoGrain)_runtime.Activation(new GrainId("codegenecho", "k"));
        Assert.Equal(["n1", "7"], activation.Notifications);
    }

    [Fact]
    public async Task Overloads_reach_the_matching_method()
    {
        var grain = _runtime.GetGrain<ICodeGenEchoGrain>("k");

        Assert.Equal("int:1", await grain.Overload(1));
        Assert.Equal("string:s", await grain.Overload("s"));
        Assert.Equal([9, 10], _runtime.Calls.Select(c => c.Request.MethodId));
    }

    [Fact]
    public async Task Same_signature_in_two_interfaces_calls_each_implementation()
    {
        Assert.Equal("nested:x", await _runtime.GetGrain<Nested.ICodeGenEchoGrain>("k").Echo("x"));
        Assert.Equal("echo:x:k", await _runtime.GetGrain<ICodeGenEchoGrain>("k").Echo("x"));
    }

    [Fact]
    public async Task Integer_keyed_grain_with_persistent_state_counts()
    {
        var counter = _runtime.GetGrain<ICodeGenCounterGrain>(7);

        Assert.Equal(5, await counter.Increment(5));
        Assert.Equal(12, await counter.Get());
        Assert.Equal(new GrainId("codegen-counter", "7"), _runtime.Calls[0].Target);
    }

    [Fact]
    public async Task Inherited_reminder_method_is_callable_through_both_proxies()
    {
        var status = new TickStatus(new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc), TimeSpan.FromSeconds(1), new DateTime(2024, 1, 1, 0, 0, 5, DateTimeKind.Utc));
        var id = new GrainId("codegen-counter", "3");

        await _runtime.GetGrain<ICodeGenCounterGrain>(3).ReceiveReminder("from-counter-proxy", status);
        await _runtime.GetGrain<IRemindable>(id).ReceiveReminder("from-remindable-proxy", status);

        var grain = (CodeGenCounterGrain)_runtime.Activation(id);
        Assert.Equal([("from-counter-proxy", status), ("from-remindable-proxy", status)], grain.Ticks);
        Assert.Equal("BkMonitor.UnitTests.CodeGen.ICodeGenCounterGrain", _runtime.Calls[0].Request.InterfaceName);
        Assert.Equal("BkMonitor.Runtime.IRemindable", _runtime.Calls[1].Request.InterfaceName);
    }

    [Fact]
    public async Task Derived_interface_proxy_serves_base_interface_methods()
    {
        var derived = _runtime.GetGrain<ICodeGenDerivedGrain>("w");
        ICodeGenBaseGrain asBase = derived;

        Assert.Equal("worker", await asBase.Name());
        Assert.Equal("extra:CodeGenWorkerGrain", await derived.Extra());
    }

    [Fact]
    public async Task Internal_and_nested_interfaces_get_working_proxies()
    {
        Assert.Equal(42, await _runtime.GetGrain<ICodeGenInternalGrain>("s").Secret());
        Assert.Equal(2, await _runtime.GetGrain<CodeGenContainer.ICodeGenNestedGrain>(1).Depth());
    }

    [Fact]
    public void Proxy_identity_is_the_grain_id()
    {
        var first = _runtime.GetGrain<ICodeGenEchoGrain>("k");
        var second = _runtime.GetGrain<ICodeGenEchoGrain>("k");

        Assert.Equal(first, second);
        Assert.Equal(new GrainId("codegenecho", "k"), ((IAddressable)first).GetGrainId());
        Assert.Equal("BkMonitor.UnitTests.CodeGen.ICodeGenEchoGrain:codegenecho/k", first.ToString());
    }
}
