using BkMonitor.Grains.Detect;
using static BkMonitor.UnitTests.Detect.DetectFixture;

namespace BkMonitor.UnitTests.Detect;

public sealed class LevelDetectorTests
{
    private static readonly DetectPoint Point = new(Series, T, 1, new Dictionary<string, string>());
    private static readonly HistoryReader Reader = new(new InMemoryHistorySource(), missingIsZero: false);

    [Fact]
    public void An_exception_makes_a_single_algorithm_level_not_anomalous()
    {
        var level = new LevelDetector(1, [new Throwing()], or: false, ".1.1.1");
        Assert.Null(level.Evaluate(Point, Reader, out _));
    }

    [Fact]
    public void An_exception_under_and_clears_the_level()
    {
        var level = new LevelDetector(1, [new Flagging("a"), new Throwing()], or: false, ".1.1.1");
        Assert.Null(level.Evaluate(Point, Reader, out _));
    }

    [Fact]
    public void An_exception_under_or_falls_through_to_the_next_algorithm()
    {
        var level = new LevelDetector(1, [new Throwing(), new Flagging("b")], or: true, ".1.1.1");
        Assert.Equal("b", level.Evaluate(Point, Reader, out var framed));
        Assert.True(framed);
    }

    [Fact]
    public void A_level_needs_an_algorithm() =>
        Assert.Throws<ArgumentException>(() => new LevelDetector(1, [], or: false, ".1.1.1"));

    private sealed class Throwing : IDetectAlgorithm
    {
        public string Type => "Throwing";
        public bool UsesValueAffix => true;
        public bool NeedsHistory => false;
        public AnomalyResult? Detect(in DetectPoint point, in HistoryReader history) => throw new InvalidOperationException("boom");
    }

    private sealed class Flagging(string message) : IDetectAlgorithm
    {
        public string Type => "Flagging";
        public bool UsesValueAffix => true;
        public bool NeedsHistory => false;
        public AnomalyResult? Detect(in DetectPoint point, in HistoryReader history) => new(message);
    }
}
