using BkMonitor.Runtime.Streams;

namespace BkMonitor.UnitTests.Streams;

public sealed class StreamSequenceSourceTests
{
    [Fact]
    public void Two_providers_never_issue_the_same_sequence_number_and_each_counts_up()
    {
        var first = new StreamSequenceSource();
        var second = new StreamSequenceSource();
        var a = Enumerable.Range(0, 1000).Select(_ => first.Next()).ToArray();
        var b = Enumerable.Range(0, 1000).Select(_ => second.Next()).ToArray();

        Assert.Empty(a.Intersect(b));
        Assert.Equal(a.Order(), a);
        Assert.Equal(b.Order(), b);
        Assert.All(a.Concat(b), n => Assert.True(n > 0));
    }
}
