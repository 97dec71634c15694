using BkMonitor.Grains.TimeSeries;

namespace BkMonitor.UnitTests.TimeSeries;

public sealed class SeriesBufferTests
{
    [Fact]
    public void Range_matches_a_linear_scan_near_the_end_and_deep_in_the_past()
    {
        var buffer = new SeriesBuffer();
        var times = Enumerable.Range(0, 50).Select(i => 1000L + i * 60).ToArray();
        foreach (var t in times) buffer.Add(t, t);

        for (var from = 940L; from <= 4100; from += 30)
        {
            for (var until = from; until <= 4200; until += 90)
            {
                var expected = (times.Count(t => t < from), times.Count(t => t < until));
                Assert.Equal(expected, buffer.Range(from, until));
            }
        }
    }

    [Fact]
    public void Range_of_an_empty_buffer_is_empty()
        => Assert.Equal((0, 0), new SeriesBuffer().Range(0, long.MaxValue));
}
