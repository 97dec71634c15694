using System.Text.Json.Serialization;

namespace BkMonitor.GrainInterfaces.Metadata;

/// <summary>A storage cluster as shown by the API: no password and no SSL private key, only whether a password is set.</summary>
public sealed record ClusterInfoView
{
    [JsonPropertyName("cluster_id")]
    public int ClusterId { get; init; }

    [JsonPropertyName("cluster_name")]
    public required string ClusterName { get; init; }

    [JsonPropertyName("cluster_type")]
    public required string ClusterType { get; init; }

    [JsonPropertyName("domain_name")]
    public required string DomainName { get; init; }

    [JsonPropertyName("port")]
    public int Port { get; init; }

    [JsonPropertyName("is_default_cluster")]
    public bool IsDefaultCluster { get; init; }

    [JsonPropertyName("username")]
    public string? Username { get; init; }

    [JsonPropertyName("has_password")]
    public bool HasPassword { get; init; }

    [JsonPropertyName("schema")]
    public string? Schema { get; init; }

    [JsonPropertyName("is_ssl_verify")]
    public bool IsSslVerify { get; init; }

    [JsonPropertyName("ssl_verification_mode")]
    public string? SslVerificationMode { get; init; }

    [JsonPropertyName("ssl_certificate_authorities")]
    public string? SslCertificateAuthorities { get; init; }

    [JsonPropertyName("ssl_certificate")]
    public string? SslCertificate { get; init; }

    [JsonPropertyName("ssl_insecure_skip_verify")]
    public bool SslInsecureSkipVerify { get; init; }

    [JsonPropertyName("label")]
    public required string Label { get; init; }

    [JsonPropertyName("registered_system")]
    public required string RegisteredSystem { get; init; }

    [JsonPropertyName("create_time")]
    public long CreateTime { get; init; }

    [JsonPropertyName("update_time")]
    public long UpdateTime { get; init; }
}
