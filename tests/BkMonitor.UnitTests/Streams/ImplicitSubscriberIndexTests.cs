using BkMonitor.Runtime;
using BkMonitor.Runtime.Streams;

namespace BkMonitor.UnitTests.Streams;

public sealed class ImplicitSubscriberIndexTests
{
    public ImplicitSubscriberIndexTests() => StreamTestNames.RegisterGrains();

    [Fact]
    public void A_namespace_is_delivered_to_every_class_that_subscribes_to_it()
    {
        var index = new ImplicitSubscriberIndex();

        Assert.Contains(ImplicitConsumerGrain.GrainType, index.GrainTypes(StreamTestNames.ImplicitNamespace));
        Assert.True(index.IsImplicitSubscriber(new GrainId(ImplicitConsumerGrain.GrainType, "k"), StreamId.Create(StreamTestNames.ImplicitNamespace, "k")));
    }

    [Fact]
    public void An_excluded_class_is_no_subscriber_of_this_provider()
    {
        var index = new ImplicitSubscriberIndex(new HashSet<string>(StringComparer.Ordinal) { ImplicitConsumerGrain.GrainType });

        Assert.DoesNotContain(ImplicitConsumerGrain.GrainType, index.GrainTypes(StreamTestNames.ImplicitNamespace));
        Assert.False(index.IsImplicitSubscriber(new GrainId(ImplicitConsumerGrain.GrainType, "k"), StreamId.Create(StreamTestNames.ImplicitNamespace, "k")));
    }
}
