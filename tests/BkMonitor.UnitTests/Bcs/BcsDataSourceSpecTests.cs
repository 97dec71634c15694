using BkMonitor.Grains.Bcs;

namespace BkMonitor.UnitTests.Bcs;

public class BcsDataSourceSpecTests
{
    [Fact]
    public void Every_cluster_gets_six_data_sources_with_the_spec_fields()
    {
        var rows = BcsDataSourceSpec.All
            .Select(s => $"{s.Kind}|{s.DataNameFor("BCS-K8S-00001")}|{s.ResourceName}|{s.EtlConfig}|{s.TypeLabel}|{s.IsSystem}|{s.Usage}")
            .ToList();

        Assert.Equal(
        [
            "K8sMetric|bcs_BCS-K8S-00001_k8s_metric|K8sMetricDataID|bk_standard_v2_time_series|time_series|True|metric",
            "CustomMetric|bcs_BCS-K8S-00001_custom_metric|CustomMetricDataID|bk_standard_v2_time_series|time_series|False|metric",
            "K8sEvent|bcs_BCS-K8S-00001_k8s_event|K8sEventDataID|bk_standard_v2_event|event|True|event",
            "CustomEvent|bcs_BCS-K8S-00001_custom_event|CustomEventDataID|bk_standard_v2_event|event|False|event",
            "SystemLog|bcs_BCS-K8S-00001_system_log|SystemLogDataID|bk_standard_v2_log|log|True|log",
            "CustomLog|bcs_BCS-K8S-00001_custom_log|CustomLogDataID|bk_standard_v2_log|log|False|log",
        ], rows);
    }

    [Fact]
    public void Data_source_names_are_unique_per_cluster() =>
        Assert.Equal(6, BcsDataSourceSpec.All.Select(s => s.DataNameFor("BCS-K8S-00001")).Distinct().Count());

    [Fact]
    public void Of_returns_the_spec_of_each_kind() =>
        Assert.All(Enum.GetValues<BcsDataSourceKind>(), k => Assert.Equal(k, BcsDataSourceSpec.Of(k).Kind));
}
