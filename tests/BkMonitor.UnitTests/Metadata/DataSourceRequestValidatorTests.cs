using BkMonitor.GrainInterfaces.Metadata;
using BkMonitor.Grains.Metadata;

namespace BkMonitor.UnitTests.Metadata;

public class DataSourceRequestValidatorTests
{
    private static readonly CreateDataSourceRequest Valid = new()
    {
        BkBizId = 2,
        DataName = "my custom metrics",
        EtlConfig = "bk_standard_v2_time_series",
        DataTypeLabel = "time_series",
    };

    [Fact]
    public void A_complete_request_has_no_errors() => Assert.Empty(DataSourceRequestValidator.Validate(Valid));

    [Theory]
    [InlineData("bk_standard_v2_time_series", "time_series")]
    [InlineData("bk_standard_v2_event", "event")]
    [InlineData("bk_standard_v2_log", "log")]
    [InlineData("bk_exporter", "time_series")]
    [InlineData("bk_standard", "time_series")]
    [InlineData("bk_flat_batch", "log")]
    public void Known_etl_configs_pass_with_their_data_type(string etl, string label) =>
        Assert.Empty(DataSourceRequestValidator.Validate(Valid with { EtlConfig = etl, DataTypeLabel = label }));

    [Fact]
    public void An_empty_request_reports_every_field()
    {
        var errors = DataSourceRequestValidator.Validate(new CreateDataSourceRequest());
        Assert.Equal(["bk_biz_id", "data_name", "data_type_label", "etl_config"], errors.Keys.Order());
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void A_blank_data_name_is_rejected(string name)
    {
        var errors = DataSourceRequestValidator.Validate(Valid with { DataName = name });
        Assert.Equal("data_name must not be empty", Assert.Single(errors["data_name"]));
    }

    [Fact]
    public void Data_name_may_have_128_characters_but_not_129()
    {
        Assert.Empty(DataSourceRequestValidator.Validate(Valid with { DataName = new string('a', 128) }));
        var errors = DataSourceRequestValidator.Validate(Valid with { DataName = new string('a', 129) });
        Assert.Contains("129", Assert.Single(errors["data_name"]));
    }

    [Fact]
    public void An_unknown_etl_config_is_named_in_the_error()
    {
        var errors = DataSourceRequestValidator.Validate(Valid with { EtlConfig = "bk_magic" });
        Assert.Contains("'bk_magic'", Assert.Single(errors["etl_config"]));
        Assert.False(errors.ContainsKey("data_type_label"));
    }

    [Fact]
    public void A_data_type_label_that_contradicts_the_etl_config_is_rejected()
    {
        var errors = DataSourceRequestValidator.Validate(Valid with { DataTypeLabel = "event" });
        Assert.Contains("produces 'time_series'", Assert.Single(errors["data_type_label"]));
    }

    [Fact]
    public void An_unknown_data_type_label_is_rejected()
    {
        var errors = DataSourceRequestValidator.Validate(Valid with { DataTypeLabel = "metric" });
        Assert.Contains("unknown data_type_label 'metric'", Assert.Single(errors["data_type_label"]));
    }
}
