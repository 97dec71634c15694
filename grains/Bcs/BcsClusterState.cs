using System.Text.Json.Serialization;

namespace BkMonitor.Grains.Bcs;

/// <summary>A registered BCS cluster (bk-monitor <c>BCSClusterInfo</c>): ownership, API access and its six data ids.</summary>
internal sealed record BcsClusterState
{
    [JsonPropertyName("cluster_id")]
    public required string ClusterId { get; init; }

    [JsonPropertyName("bk_tenant_id")]
    public required string TenantId { get; init; }

    [JsonPropertyName("bk_biz_id")]
    public required int BkBizId { get; init; }

    [JsonPropertyName("project_id")]
    public required string ProjectId { get; init; }

    [JsonPropertyName("status")]
    public string Status { get; init; } = BcsClusterStatus.Running;

    [JsonPropertyName("domain_name")]
    public required string DomainName { get; init; }

    [JsonPropertyName("port")]
    public required int Port { get; init; }

    [JsonPropertyName("server_address_path")]
    public string ServerAddressPath { get; init; } = "clusters";

    [JsonPropertyName("api_key_type")]
    public string ApiKeyType { get; init; } = "authorization";

    [JsonPropertyName("api_key_content")]
    public required string ApiKeyContent { get; init; }

    [JsonPropertyName("api_key_prefix")]
    public string ApiKeyPrefix { get; init; } = "Bearer";

    [JsonPropertyName("is_skip_ssl_verify")]
    public bool IsSkipSslVerify { get; init; } = true;

    [JsonPropertyName("bk_env")]
    public string BkEnv { get; init; } = "";

    [JsonPropertyName("k8s_metric_data_id")]
    public int K8sMetricDataId { get; init; }

    [JsonPropertyName("custom_metric_data_id")]
    public int CustomMetricDataId { get; init; }

    [JsonPropertyName("k8s_event_data_id")]
    public int K8sEventDataId { get; init; }

    [JsonPropertyName("custom_event_data_id")]
    public int CustomEventDataId { get; init; }

    [JsonPropertyName("system_log_data_id")]
    public int SystemLogDataId { get; init; }

    [JsonPropertyName("custom_log_data_id")]
    public int CustomLogDataId { get; init; }

    [JsonPropertyName("creator")]
    public string Creator { get; init; } = "admin";

    [JsonPropertyName("create_time")]
    public long CreateTime { get; init; }

    [JsonPropertyName("last_modify_time")]
    public long LastModifyTime { get; init; }

    public int DataIdOf(BcsDataSourceKind kind) => kind switch
    {
        BcsDataSourceKind.K8sMetric => K8sMetricDataId,
        BcsDataSourceKind.CustomMetric => CustomMetricDataId,
        BcsDataSourceKind.K8sEvent => K8sEventDataId,
        BcsDataSourceKind.CustomEvent => CustomEventDataId,
        BcsDataSourceKind.SystemLog => SystemLogDataId,
        BcsDataSourceKind.CustomLog => CustomLogDataId,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}
