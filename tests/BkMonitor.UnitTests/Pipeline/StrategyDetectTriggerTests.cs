using BkMonitor.GrainInterfaces.Access;
using BkMonitor.GrainInterfaces.Detect;
using BkMonitor.GrainInterfaces.Strategies;
using BkMonitor.Grains.Access;
using BkMonitor.Grains.Detect;
using BkMonitor.Grains.TimeSeries;
using BkMonitor.Grains.Trigger;
using static BkMonitor.UnitTests.Pipeline.PipelineStrategies;

namespace BkMonitor.UnitTests.Pipeline;

/// <summary>Access records through a strategy's compiled detect and trigger, as the grains chain them.</summary>
public sealed class StrategyDetectTriggerTests
{
    private readonly TimeSeriesStore _store = new(TimeSpan.FromDays(1));

    [Fact]
    public void Threshold_three_of_five_triggers_exactly_where_the_window_fills()
    {
        var strategy = Threshold();
        var values = new double[] { 95, 50, 95, 95, 50, 95 };
        var events = Run(strategy, values.Select((v, i) => (T0 + i * 60, v)).ToArray());

        // Anomalies at 0, 2, 3, 5 periods: the window [t-299, t] holds 3 of them first at period 3, then at 5.
        Assert.Equal([T0 + 180, T0 + 300], events.Select(e => e.Time));
        var first = events[0];
        Assert.Equal(1, first.Severity);
        Assert.Equal(AnomalyId("h1", T0 + 180, 7, 1), first.EventId);
        Assert.Equal([AnomalyId("h1", T0, 7, 1), AnomalyId("h1", T0 + 120, 7, 1), AnomalyId("h1", T0 + 180, 7, 1)], first.Extra.AnomalyIds);
        Assert.Equal(T0, first.AnomalyTime);
        Assert.Equal([AnomalyId("h1", T0 + 120, 7, 1), AnomalyId("h1", T0 + 180, 7, 1), AnomalyId("h1", T0 + 300, 7, 1)], events[1].Extra.AnomalyIds);
        Assert.Equal(["tags.host"], first.DedupeKeys);
        Assert.Equal("cpu high", first.AlertName);
    }

    [Fact]
    public void No_event_while_the_window_holds_fewer_anomalies_than_count()
    {
        var events = Run(Threshold(), [(T0, 95), (T0 + 60, 95), (T0 + 120, 10), (T0 + 180, 10), (T0 + 240, 10), (T0 + 300, 95)]);
        Assert.Empty(events);
    }

    [Fact]
    public void Redelivered_anomalies_produce_no_second_event()
    {
        var strategy = Threshold();
        var detector = new StrategyDetector(strategy, 1);
        var trigger = new StrategyTrigger(strategy, 1, []);
        var batch = Batch(Records([(T0, 95), (T0 + 60, 95), (T0 + 120, 95)]));
        var counts = new TriggerCounts();

        Assert.Single(trigger.Observe(detector.Detect(batch, T0 + 130), T0 + 130, ref counts));
        Assert.Empty(trigger.Observe(detector.Detect(batch, T0 + 131), T0 + 131, ref counts));
        Assert.Equal(1, counts.Redelivered); // only the anomaly that filled the window decides anything
    }

    [Fact]
    public void Ring_ratio_reads_the_previous_bucket_from_the_store_when_detect_never_saw_it()
    {
        var strategy = RingRatio();
        var item = strategy.Items[0];
        var plan = ItemQueryPlan.Create(item);
        _store.Append(Table, "cpu", ItemQueryPlanTests.Series(("host", "h1")), T0, 10, T0);
        var detector = new StrategyDetector(strategy, 1, _ => new StoreHistoryLoader(_store, plan));

        var anomalies = detector.Detect(Batch(Records([(T0 + 60, 16)])), T0 + 70);

        var anomaly = Assert.Single(anomalies);
        Assert.Equal(AnomalyId("h1", T0 + 60, 8, 2), anomaly.Anomaly[2].AnomalyId);
        Assert.Empty(detector.Detect(Batch(Records([(T0 + 120, 17)])), T0 + 130)); // +6% only
    }

    [Fact]
    public void Earlier_points_of_a_backfill_are_history_for_later_ones()
    {
        var anomalies = new StrategyDetector(RingRatio(), 1).Detect(Batch(Records([(T0, 10), (T0 + 60, 30), (T0 + 120, 31)])), T0 + 130);
        Assert.Equal([T0 + 60], anomalies.Select(a => a.Data.Time));
    }

    [Fact]
    public void Trigger_windows_live_in_the_state_passed_in()
    {
        var strategy = Threshold();
        var states = new Dictionary<long, TriggerWindowState>();
        var counts = new TriggerCounts();
        var detector = new StrategyDetector(strategy, 1);
        new StrategyTrigger(strategy, 1, states).Observe(detector.Detect(Batch(Records([(T0, 95), (T0 + 60, 95)])), T0 + 70), T0 + 70, ref counts);

        // A new activation (or a new config version) over the same state continues the window.
        var events = new StrategyTrigger(strategy, 2, states).Observe(detector.Detect(Batch(Records([(T0 + 120, 95)])), T0 + 130), T0 + 130, ref counts);
        Assert.Equal(T0 + 120, Assert.Single(events).Event.Time);
    }

    private static List<GrainInterfaces.Trigger.TriggerEvent> Run(Strategy strategy, (long Time, double Value)[] points)
    {
        var detector = new StrategyDetector(strategy, 1);
        var trigger = new StrategyTrigger(strategy, 1, []);
        var counts = new TriggerCounts();
        var events = new List<GrainInterfaces.Trigger.TriggerEvent>();
        foreach (var point in points)
        {
            var anomalies = detector.Detect(Batch(Records([point])), point.Time + 10);
            foreach (var (monitorEvent, dedupeMd5) in trigger.Observe(anomalies, point.Time + 10, ref counts))
            {
                Assert.Equal(EventDedupe.Md5(monitorEvent), dedupeMd5);
                events.Add(monitorEvent);
            }
        }
        return events;
    }
}
