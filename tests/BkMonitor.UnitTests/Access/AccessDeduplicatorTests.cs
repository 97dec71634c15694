using BkMonitor.Grains.Access;

namespace BkMonitor.UnitTests.Access;

public sealed class AccessDeduplicatorTests
{
    [Fact]
    public void Remembers_record_ids_per_time()
    {
        var seen = new AccessDeduplicator();
        seen.Add(60, "a.60");

        Assert.True(seen.Contains(60, "a.60"));
        Assert.False(seen.Contains(120, "a.60"));
        Assert.False(seen.Contains(60, "b.60"));
    }

    [Fact]
    public void Prune_forgets_times_before_the_window()
    {
        var seen = new AccessDeduplicator();
        seen.Add(60, "a.60");
        seen.Add(120, "a.120");

        seen.PruneBefore(120);

        Assert.False(seen.Contains(60, "a.60"));
        Assert.True(seen.Contains(120, "a.120"));
        Assert.Equal(1, seen.Count);
    }

    [Fact]
    public void Snapshot_restores_the_same_set()
    {
        var seen = new AccessDeduplicator();
        seen.Add(60, "b.60");
        seen.Add(60, "a.60");

        var restored = new AccessDeduplicator(seen.Snapshot());

        Assert.True(restored.Contains(60, "a.60"));
        Assert.True(restored.Contains(60, "b.60"));
        Assert.Equal(["a.60", "b.60"], seen.Snapshot()[60]);
    }
}
