using BkMonitor.Grains.Metadata;

namespace BkMonitor.Grains.Bcs;

/// <summary>The six data sources every BCS cluster gets (bk-monitor's six DataID columns).</summary>
internal enum BcsDataSourceKind
{
    K8sMetric,
    CustomMetric,
    K8sEvent,
    CustomEvent,
    SystemLog,
    CustomLog,
}

/// <summary>
/// How one of the six BCS data sources is registered. <see cref="UsageKey"/> is bk-monitor's
/// <c>DATASOURCE_REGISTER_INFO</c> key and names the data source <c>bcs_{cluster_id}_{usage_key}</c>
/// (e.g. <c>bcs_BCS-K8S-00001_k8s_metric</c>): ALARM-SPEC's <c>bcs_{cluster}_{usage}</c> with the
/// k8s/custom/system prefix kept, so the two sources sharing a usage stay distinct.
/// <see cref="ResourceName"/> is the column name, lower-cased into the DataID resource name.
/// </summary>
internal sealed record BcsDataSourceSpec(
    BcsDataSourceKind Kind, string UsageKey, string ResourceName, string EtlConfig, bool IsSystem, string Usage)
{
    public const string UsageMetric = "metric";
    public const string UsageEvent = "event";
    public const string UsageLog = "log";

    public static IReadOnlyList<BcsDataSourceSpec> All { get; } =
    [
        new(BcsDataSourceKind.K8sMetric, "k8s_metric", "K8sMetricDataID", EtlConfigs.TimeSeriesV2, IsSystem: true, UsageMetric),
        new(BcsDataSourceKind.CustomMetric, "custom_metric", "CustomMetricDataID", EtlConfigs.TimeSeriesV2, IsSystem: false, UsageMetric),
        new(BcsDataSourceKind.K8sEvent, "k8s_event", "K8sEventDataID", EtlConfigs.EventV2, IsSystem: true, UsageEvent),
        new(BcsDataSourceKind.CustomEvent, "custom_event", "CustomEventDataID", EtlConfigs.EventV2, IsSystem: false, UsageEvent),
        new(BcsDataSourceKind.SystemLog, "system_log", "SystemLogDataID", EtlConfigs.LogV2, IsSystem: true, UsageLog),
        new(BcsDataSourceKind.CustomLog, "custom_log", "CustomLogDataID", EtlConfigs.LogV2, IsSystem: false, UsageLog),
    ];

    public string TypeLabel => EtlConfigs.TypeLabelOf(EtlConfig)!;

    public static BcsDataSourceSpec Of(BcsDataSourceKind kind) => All[(int)kind];

    public string DataNameFor(string clusterId) => $"bcs_{clusterId}_{UsageKey}";
}
