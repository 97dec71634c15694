using BkMonitor.Runtime;

namespace BkMonitor.UnitTests.CodeGen;

// The generated activator: plain `new` inside RuntimeContext.BeginActivating, arguments from state, context and DI.
public sealed class GrainActivatorTests
{
    private static readonly GrainId CounterId = new("codegen-counter", "1");

    [Fact]
    public void Activator_builds_persistent_state_and_resolves_services()
    {
        var clock = new FixedClock(99);
        var audit = new RecordingAudit();
        var services = new FixedServices(clock, audit);
        var context = new FakeGrainContext(CounterId, new LoopbackCallRuntime(services), services);

        var grain = Assert.IsType<CodeGenCounterGrain>(GrainTypeRegistry.GetClass("codegen-counter").Activator(context, services));

        Assert.Same(context, grain.GrainContext);
        Assert.Same(context, grain.InjectedContext);
        Assert.Same(context.GrainFactory, grain.InjectedFactory);
        Assert.Same(clock, grain.Clock);
        Assert.Same(audit, grain.Audit);
        Assert.Equal([("counter", "codegen-store", typeof(CodeGenCounterState))], context.CreatedStates);
        Assert.Null(RuntimeContext.Activating);
    }

    [Fact]
    public async Task Activated_grain_uses_its_injected_services()
    {
        var audit = new RecordingAudit();
        var services = new FixedServices(new FixedClock(99), audit);
        var context = new FakeGrainContext(CounterId, new LoopbackCallRuntime(services), services);
        var grain = (CodeGenCounterGrain)GrainTypeRegistry.GetClass("codegen-counter").Activator(context, services);

        var request = (GrainRequest<long>)GrainTypeRegistry.GetInterface(typeof(ICodeGenCounterGrain)).RequestFactory(2);
        request.SetArgument(0, 4L);

        Assert.Equal(4, await request.InvokeAsync(grain));
        Assert.Equal(["increment 4 at 99"], audit.Entries);
    }

    [Fact]
    public void Nullable_service_parameter_is_null_when_not_registered()
    {
        var services = new FixedServices(new FixedClock(1));
        var context = new FakeGrainContext(CounterId, new LoopbackCallRuntime(services), services);

        var grain = (CodeGenCounterGrain)GrainTypeRegistry.GetClass("codegen-counter").Activator(context, services);

        Assert.Null(grain.Audit);
    }

    [Fact]
    public void Missing_required_service_names_the_grain_class_and_the_service()
    {
        var services = new FixedServices();
        var context = new FakeGrainContext(CounterId, new LoopbackCallRuntime(services), services);

        var error = Assert.Throws<InvalidOperationException>(() => GrainTypeRegistry.GetClass("codegen-counter").Activator(context, services));

        Assert.Contains("BkMonitor.UnitTests.CodeGen.CodeGenCounterGrain", error.Message);
        Assert.Contains("BkMonitor.UnitTests.CodeGen.ICodeGenClock", error.Message);
        Assert.Null(RuntimeContext.Activating);
    }

    [Fact]
    public void Parameterless_grain_is_bound_to_the_activating_context()
    {
        var services = new FixedServices();
        var context = new FakeGrainContext(new GrainId("codegenecho", "z"), new LoopbackCallRuntime(services), services);

        var grain = GrainTypeRegistry.GetClass("codegenecho").Activator(context, services);

        Assert.IsType<CodeGenEchoGrain>(grain);
        Assert.Equal(new GrainId("codegenecho", "z"), grain.GrainId);
    }

    private sealed class RecordingAudit : ICodeGenAudit
    {
        public List<string> Entries { get; } = [];

        public void Record(string entry) => Entries.Add(entry);
    }
}
