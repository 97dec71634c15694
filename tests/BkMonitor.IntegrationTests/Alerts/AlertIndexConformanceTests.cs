using BkMonitor.GrainInterfaces.Alerts;
using BkMonitor.Grains.Alerts;
using static BkMonitor.IntegrationTests.Alerts.AlertSnapshots;

namespace BkMonitor.IntegrationTests.Alerts;

/// <summary>What every alert index store must do; the SQLite and PostgreSQL tests inherit it.</summary>
public abstract class AlertIndexConformanceTests
{
    /// <summary>An empty store of this test, schema created.</summary>
    protected abstract Task<IAlertIndex> OpenAsync();

    /// <summary>The same store opened again from scratch (a new process would see this).</summary>
    protected abstract Task<IAlertIndex> ReopenAsync();

    private static readonly CancellationToken None = CancellationToken.None;

    private static Task<AlertPage> SearchAsync(IAlertIndex index, AlertQuery query) => index.SearchAsync(query, None);

    [Fact]
    public async Task Filters_by_biz_status_and_strategy_combine()
    {
        var index = await OpenAsync();
        await index.UpsertAsync([
            Alert(1_700_000_000, 1, biz: 2, strategy: 10),
            Alert(1_700_000_001, 2, biz: 2, strategy: 11, status: AlertStatus.Closed, end: 1_700_000_100),
            Alert(1_700_000_002, 3, biz: 3, strategy: 10),
            Alert(1_700_000_003, 4, biz: 2, strategy: null),
        ], None);

        Assert.Equal(3, (await SearchAsync(index, new AlertQuery { BkBizId = 2 })).Total);
        Assert.Equal(["17000000012"], (await SearchAsync(index, new AlertQuery { BkBizId = 2, Status = AlertStatus.Closed })).Items.Select(a => a.Id));
        Assert.Equal(["17000000023", "17000000001"], (await SearchAsync(index, new AlertQuery { StrategyId = 10 })).Items.Select(a => a.Id));
        Assert.Equal(["17000000001"], (await SearchAsync(index, new AlertQuery { StrategyId = 10, BkBizId = 2, Status = AlertStatus.Abnormal })).Items.Select(a => a.Id));
        Assert.Equal(0, (await SearchAsync(index, new AlertQuery { BkBizId = 4 })).Total);
    }

    [Fact]
    public async Task Pages_are_newest_first_by_creation_second_then_sequence_with_the_total()
    {
        var index = await OpenAsync();
        // Same second, sequences 9 and 10: numeric order, not string order; a later second with a shorter sequence is newer.
        await index.UpsertAsync([Alert(1_700_000_000, 9), Alert(1_700_000_000, 10), Alert(1_700_000_001, 1), Alert(1_699_999_999, 123)], None);

        var first = await SearchAsync(index, new AlertQuery { Page = 1, PageSize = 3 });
        Assert.Equal(["17000000011", "170000000010", "17000000009"], first.Items.Select(a => a.Id));
        Assert.Equal((4, 1, 3), (first.Total, first.Page, first.PageSize));
        var second = await SearchAsync(index, new AlertQuery { Page = 2, PageSize = 3 });
        Assert.Equal(["1699999999123"], second.Items.Select(a => a.Id));
        Assert.Equal(4, second.Total);
        var beyond = await SearchAsync(index, new AlertQuery { Page = 9, PageSize = 3 });
        Assert.Empty(beyond.Items);
        Assert.Equal(4, beyond.Total);
    }

    [Fact]
    public async Task Time_range_keeps_the_alerts_that_overlap_it()
    {
        var index = await OpenAsync();
        await index.UpsertAsync([
            Alert(1_700_000_000, 1, begin: 100, end: 200, status: AlertStatus.Recovered),
            Alert(1_700_000_000, 2, begin: 300),
            Alert(1_700_000_000, 3, begin: 150, end: 160, status: AlertStatus.Closed),
            Alert(1_700_000_000, 4, begin: 500),
        ], None);

        static string[] Ids(AlertPage page) => page.Items.Select(a => a.Id[10..]).ToArray();
        Assert.Equal(["3", "1"], Ids(await SearchAsync(index, new AlertQuery { StartTime = 150, EndTime = 250 })));
        // Still open: it overlaps any range from its begin on.
        Assert.Equal(["4", "2", "1"], Ids(await SearchAsync(index, new AlertQuery { StartTime = 170, EndTime = 1000 })));
        Assert.Equal(["4", "2"], Ids(await SearchAsync(index, new AlertQuery { StartTime = 201 })));
        Assert.Equal(["3", "1"], Ids(await SearchAsync(index, new AlertQuery { EndTime = 299 })));
        // Both bounds are inclusive.
        Assert.Equal(["3", "1"], Ids(await SearchAsync(index, new AlertQuery { StartTime = 160, EndTime = 160 })));
    }

    [Fact]
    public async Task An_older_version_never_overwrites_a_newer_one()
    {
        var index = await OpenAsync();
        var open = Alert(1_700_000_000, 1, version: 1);
        var acked = open with { IsAck = true, Version = 2 };
        var closed = acked with { Status = AlertStatus.Closed, EndTime = 1_700_000_060, Version = 3 };

        await index.UpsertAsync([closed], None);
        await index.UpsertAsync([open], None);
        await index.UpsertAsync([acked], None);
        Assert.Equal(closed, await GetAsync(index, open.Id), SnapshotComparer.Instance);

        // The same version again is not a change either (a re-index on activation).
        await index.UpsertAsync([closed with { AlertName = "renamed" }], None);
        Assert.Equal(closed.AlertName, (await GetAsync(index, open.Id))!.AlertName);

        var page = await SearchAsync(index, new AlertQuery { Status = AlertStatus.Closed });
        Assert.Equal(closed, Assert.Single(page.Items), SnapshotComparer.Instance);
        Assert.Equal(0, (await SearchAsync(index, new AlertQuery { Status = AlertStatus.Abnormal })).Total);

        await index.UpsertAsync([closed with { Version = 4, IsShielded = true }], None);
        Assert.True((await GetAsync(index, open.Id))!.IsShielded);
    }

    [Fact]
    public async Task A_snapshot_reads_back_whole()
    {
        var index = await OpenAsync();
        var alert = Alert(1_700_000_000, 7, status: AlertStatus.Recovered, begin: 1_699_999_000, end: 1_700_000_300, version: 5);
        await index.UpsertAsync([alert], None);

        var read = await GetAsync(index, alert.Id);
        Assert.Equal(alert, read, SnapshotComparer.Instance);
        Assert.Null(await GetAsync(index, "17000000008"));
    }

    [Fact]
    public async Task Rows_are_still_there_after_the_store_is_opened_again()
    {
        var index = await OpenAsync();
        await index.UpsertAsync([Alert(1_700_000_000, 1), Alert(1_700_000_001, 2, version: 3)], None);

        var reopened = await ReopenAsync();
        await reopened.InitAsync(None); // schema creation is idempotent and keeps the rows
        var page = await SearchAsync(reopened, new AlertQuery());
        Assert.Equal(["17000000012", "17000000001"], page.Items.Select(a => a.Id));
        Assert.Equal(3, page.Items[0].Version);
        await reopened.UpsertAsync([Alert(1_700_000_001, 2, version: 2)], None);
        Assert.Equal(3, (await GetAsync(reopened, "17000000012"))!.Version);
    }

    private static Task<AlertSnapshot?> GetAsync(IAlertIndex index, string id) => index.GetAsync(id, None);
}
