using BkMonitor.GrainInterfaces.Metadata;
using BkMonitor.Grains.Metadata;

namespace BkMonitor.UnitTests.Metadata;

public class DataSourceFactoryTests
{
    [Theory]
    [InlineData(2, 1500001, "2_bkmonitor_time_series_1500001.__default__")]
    [InlineData(0, 1500001, "bkmonitor_time_series_1500001.__default__")]
    [InlineData(-4, 1500001, "-4_bkmonitor_time_series_1500001.__default__")]
    public void Time_series_tables_follow_bk_monitor_naming(int biz, int dataId, string expected) =>
        Assert.Equal(expected, ResultTableIds.TimeSeries(biz, dataId));

    [Theory]
    [InlineData(2, 1500001, "2_bkmonitor_event_1500001")]
    [InlineData(0, 1500001, "bkmonitor_event_1500001")]
    [InlineData(-4, 1500001, "bkmonitor_4_bkmonitor_event_1500001")]
    public void Event_tables_follow_bk_monitor_naming(int biz, int dataId, string expected) =>
        Assert.Equal(expected, ResultTableIds.Event(biz, dataId));

    [Theory]
    [InlineData(2, "2_bkmonitor_log_1500001")]
    [InlineData(-4, "bkmonitor_4_bkmonitor_log_1500001")]
    public void Log_tables_mirror_the_event_naming(int biz, string expected) =>
        Assert.Equal(expected, ResultTableIds.Log(biz, 1500001));

    [Fact]
    public void A_custom_time_series_source_gets_its_default_table_and_space()
    {
        var request = new CreateDataSourceRequest
        {
            BkBizId = 2, DataName = "app metrics", EtlConfig = "bk_standard_v2_time_series", DataTypeLabel = "time_series",
        };
        var source = DataSourceFactory.Create(request, 1500007, "t0ken", now: 1700000000, storageClusterId: 3);

        Assert.Equal(1500007, source.BkDataId);
        Assert.Equal("app metrics", source.DataName);
        Assert.Equal("bk_monitor", source.SourceLabel);
        Assert.Equal("time_series", source.TypeLabel);
        Assert.Equal("t0ken", source.AccessToken);
        Assert.False(source.IsSystem);
        Assert.True(source.IsEnabled);
        Assert.Equal("bkcc__2", source.SpaceUid);
        Assert.Equal(1700000000, source.CreateTime);
        Assert.Equal(1700000000, source.UpdateTime);
        var table = Assert.Single(source.ResultTables);
        Assert.Equal("2_bkmonitor_time_series_1500007.__default__", table.TableId);
        Assert.Equal(3, table.StorageClusterId);
        Assert.Equal("time", Assert.Single(table.Fields).FieldName);
    }

    [Fact]
    public void An_event_source_table_has_the_event_fields()
    {
        var source = DataSourceFactory.Create(-3, "events", "bk_standard_v2_event", isSystem: true, 1500008, "x", 0, null);
        var table = Assert.Single(source.ResultTables);
        Assert.Equal("bkmonitor_3_bkmonitor_event_1500008", table.TableId);
        Assert.Equal(["time", "event_name", "target", "event", "dimensions"], table.Fields.Select(f => f.FieldName));
        Assert.Null(source.SpaceUid);
        Assert.True(source.IsSystem);
    }

    [Fact]
    public void An_invalid_request_is_not_built()
    {
        var request = new CreateDataSourceRequest { BkBizId = 2, DataName = "", EtlConfig = "bk_standard_v2_event", DataTypeLabel = "event" };
        Assert.Throws<ArgumentException>(() => DataSourceFactory.Create(request, 1500000, "x", 0, null));
    }

    [Fact]
    public void Access_tokens_are_64_hex_characters_and_differ()
    {
        var tokens = Enumerable.Range(0, 20).Select(_ => AccessTokenGenerator.New()).ToList();
        Assert.All(tokens, t => Assert.Matches("^[0-9a-f]{64}$", t));
        Assert.Equal(tokens.Count, tokens.Distinct().Count());
    }

    [Fact]
    public void Data_sources_serialise_with_snake_case_names()
    {
        var source = DataSourceFactory.Create(2, "n", "bk_standard_v2_log", isSystem: false, 1500009, "tok", 5, 1);
        var json = System.Text.Json.JsonSerializer.Serialize(source);
        Assert.Contains("\"bk_data_id\":1500009", json);
        Assert.Contains("\"result_tables\":[{\"table_id\":\"2_bkmonitor_log_1500009\"", json);
        Assert.Contains("\"storage_cluster_id\":1", json);
        Assert.Equal(source.BkDataId, System.Text.Json.JsonSerializer.Deserialize<DataSourceInfo>(json)!.BkDataId);
    }
}
