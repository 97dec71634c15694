using System.Text.Json;
using BkMonitor.Grains.Trigger;
using static BkMonitor.UnitTests.Trigger.TriggerFixture;

namespace BkMonitor.UnitTests.Trigger;

public sealed class TriggerWindowTests
{
    private readonly TriggerWindowState _state = new();

    private TriggerWindow Window(int window = 5, int count = 3, LevelTrigger? noData = null, params LevelTrigger[] levels) =>
        new(new TriggerSettings(StrategyId, ItemId, 60, levels.Length > 0 ? levels : [new LevelTrigger(1, window, count)], noData), _state);

    [Fact]
    public void Triggers_when_count_anomalies_fall_in_the_window()
    {
        var window = Window(window: 5, count: 3);
        Assert.Null(window.Observe(Anomaly(T)));
        Assert.Null(window.Observe(Anomaly(T + 60)));
        var decision = window.Observe(Anomaly(T + 120))!;
        Assert.Equal(1, decision.Level);
        Assert.Equal(T, decision.FirstAnomalyTime);
        var md5 = Md5(HostDimensions);
        Assert.Equal([$"{md5}.{T}.1.2.1", $"{md5}.{T + 60}.1.2.1", $"{md5}.{T + 120}.1.2.1"], decision.AnomalyIds);
        Assert.False(decision.Redelivered);
    }

    [Fact]
    public void Window_starts_check_window_times_unit_minus_one_seconds_back()
    {
        // Window 5 × 60 s: [t - 299, t]. An anomaly at t - 299 counts, one at t - 300 does not.
        var window = Window(window: 5, count: 2);
        window.Observe(Anomaly(T - 300));
        Assert.Null(window.Observe(Anomaly(T)));

        var edge = new TriggerWindow(new TriggerSettings(StrategyId, ItemId, 60, [new LevelTrigger(1, 5, 2)]), new TriggerWindowState());
        edge.Observe(Anomaly(T - 299));
        Assert.Equal(T - 299, edge.Observe(Anomaly(T))!.FirstAnomalyTime);
    }

    [Fact]
    public void Anomalies_after_the_point_are_not_counted()
    {
        var window = Window(window: 5, count: 2);
        window.Observe(Anomaly(T + 60));
        Assert.Null(window.Observe(Anomaly(T))); // late point: only itself in [T-299, T]
    }

    [Fact]
    public void Redelivered_anomaly_is_counted_once()
    {
        var window = Window(window: 5, count: 2);
        Assert.Null(window.Observe(Anomaly(T)));
        Assert.Null(window.Observe(Anomaly(T)));
        var decision = window.Observe(Anomaly(T + 60))!;
        Assert.Equal(2, decision.AnomalyIds.Count);
        Assert.True(window.Observe(Anomaly(T + 60))!.Redelivered);
    }

    [Fact]
    public void Fatal_level_wins_when_both_trigger()
    {
        var window = Window(levels: [new LevelTrigger(2, 5, 1), new LevelTrigger(1, 5, 1)]);
        Assert.Equal(1, window.Observe(Anomaly(T, levels: [2, 1]))!.Level);
    }

    [Fact]
    public void A_lower_level_triggers_when_the_higher_one_does_not()
    {
        var window = Window(levels: [new LevelTrigger(1, 5, 2), new LevelTrigger(2, 5, 1)]);
        var decision = window.Observe(Anomaly(T, levels: [1, 2]))!;
        Assert.Equal(2, decision.Level);
        Assert.EndsWith(".1.2.2", Assert.Single(decision.AnomalyIds), StringComparison.Ordinal);
    }

    [Fact]
    public void Levels_keep_separate_windows()
    {
        var window = Window(levels: [new LevelTrigger(1, 5, 2), new LevelTrigger(2, 5, 2)]);
        window.Observe(Anomaly(T, levels: [2]));
        Assert.Null(window.Observe(Anomaly(T + 60, levels: [1])));
        Assert.Equal(2, window.Observe(Anomaly(T + 120, levels: [2]))!.Level);
    }

    [Fact]
    public void A_level_without_config_uses_the_first_configured_level()
    {
        // Detects configure level 2 (window 1, count 1) first, then level 1 (count 5); level 3 borrows level 2's.
        var window = Window(levels: [new LevelTrigger(2, 1, 1), new LevelTrigger(1, 5, 5)]);
        Assert.Equal(3, window.Observe(Anomaly(T, levels: [3]))!.Level);
    }

    [Fact]
    public void Nodata_points_use_the_nodata_trigger()
    {
        var noDataDimensions = new Dictionary<string, string> { ["__NO_DATA_DIMENSION__"] = "True" };
        var window = Window(window: 1, count: 1, noData: LevelTrigger.ForNoData(2, 3));
        Assert.Null(window.Observe(Anomaly(T, noDataDimensions, 2)));
        Assert.Null(window.Observe(Anomaly(T + 60, noDataDimensions, 2)));
        Assert.Equal(2, window.Observe(Anomaly(T + 120, noDataDimensions, 2))!.Level);
    }

    [Fact]
    public void Nodata_points_without_nodata_config_never_trigger()
    {
        var noDataDimensions = new Dictionary<string, string> { ["__NO_DATA_DIMENSION__"] = "True" };
        Assert.Null(Window(window: 1, count: 1).Observe(Anomaly(T, noDataDimensions, 2)));
    }

    [Fact]
    public void Series_are_counted_separately()
    {
        var window = Window(window: 5, count: 2);
        window.Observe(Anomaly(T, new Dictionary<string, string> { ["ip"] = "10.0.0.1" }));
        Assert.Null(window.Observe(Anomaly(T + 60, new Dictionary<string, string> { ["ip"] = "10.0.0.2" })));
    }

    [Fact]
    public void State_is_pruned_to_the_retention_and_evicted_when_idle()
    {
        var window = Window(window: 5, count: 100);
        for (var i = 0; i < 100; i++) window.Observe(Anomaly(T + i * 60L));
        var times = _state.Anomalies[Md5(HostDimensions)][1];
        // Retention = max(5·60, 10·60, 1800) = 1800 s: 31 minute-points remain.
        Assert.Equal(31, times.Count);
        Assert.Equal(T + 99 * 60L - 1800, times[0]);

        window.Evict(T + 99 * 60L + 1801);
        Assert.Empty(_state.Anomalies);
    }

    [Fact]
    public void Eviction_passes_wait_until_the_horizon_moved_an_eighth_of_the_retention()
    {
        var window = Window();
        window.Observe(Anomaly(T));
        window.Evict(T + 1800); // horizon T: nothing older
        window.Evict(T + 1801 + 1800 / 8 - 2); // horizon moved less than 225 s: no pass
        Assert.Single(_state.Anomalies);

        window.Evict(T + 1800 + 1800 / 8 + 1);
        Assert.Empty(_state.Anomalies);
    }

    [Fact]
    public void Rate_limit_admits_5000_events_per_data_time()
    {
        var window = Window();
        for (var i = 0; i < 5000; i++) Assert.True(window.TryAdmitEvent(T));
        Assert.False(window.TryAdmitEvent(T));
        Assert.True(window.TryAdmitEvent(T + 60));
        window.Evict(T + 1801);
        Assert.Equal([T + 60], _state.EventsPerTime.Keys);
    }

    [Fact]
    public void State_survives_a_json_round_trip()
    {
        var window = Window(window: 5, count: 2);
        window.Observe(Anomaly(T));
        var restored = JsonSerializer.Deserialize<TriggerWindowState>(JsonSerializer.Serialize(_state))!;
        var again = new TriggerWindow(new TriggerSettings(StrategyId, ItemId, 60, [new LevelTrigger(1, 5, 2)]), restored);
        Assert.NotNull(again.Observe(Anomaly(T + 60)));
    }

    [Fact]
    public void Anomaly_of_another_item_is_rejected()
    {
        var record = Anomaly(T) with { ItemId = 99 };
        var e = Assert.Throws<ArgumentException>(() => Window().Observe(record));
        Assert.Contains("item 99", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, 1, 1)]
    [InlineData(1, 0, 1)]
    [InlineData(1, 1, 0)]
    [InlineData(4, 1, 1)]
    public void Invalid_trigger_configs_are_rejected(int level, int window, int count) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new LevelTrigger(level, window, count));
}
