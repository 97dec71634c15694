using System.Text.Json.Serialization;

namespace BkMonitor.GrainInterfaces.Metadata;

/// <summary>
/// A storage cluster (bk-monitor <c>ClusterInfo</c>) including its credentials; API output uses
/// <see cref="ClusterInfoView"/>, which carries no secret.
/// </summary>
public sealed record ClusterInfo
{
    [JsonPropertyName("cluster_id")]
    public int ClusterId { get; init; }

    [JsonPropertyName("cluster_name")]
    public string ClusterName { get; init; } = "";

    [JsonPropertyName("cluster_type")]
    public string ClusterType { get; init; } = "";

    [JsonPropertyName("domain_name")]
    public string DomainName { get; init; } = "";

    [JsonPropertyName("port")]
    public int Port { get; init; }

    [JsonPropertyName("is_default_cluster")]
    public bool IsDefaultCluster { get; init; }

    [JsonPropertyName("username")]
    public string? Username { get; init; }

    [JsonPropertyName("password")]
    public string? Password { get; init; }

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

    [JsonPropertyName("ssl_certificate_key")]
    public string? SslCertificateKey { get; init; }

    [JsonPropertyName("ssl_insecure_skip_verify")]
    public bool SslInsecureSkipVerify { get; init; }

    [JsonPropertyName("label")]
    public string Label { get; init; } = "";

    [JsonPropertyName("registered_system")]
    public string RegisteredSystem { get; init; } = "_default";

    [JsonPropertyName("create_time")]
    public long CreateTime { get; init; }

    [JsonPropertyName("update_time")]
    public long UpdateTime { get; init; }

    /// <summary>The public projection: everything except the password and the SSL private key.</summary>
    public ClusterInfoView ToView() => new()
    {
        ClusterId = ClusterId,
        ClusterName = ClusterName,
        ClusterType = ClusterType,
        DomainName = DomainName,
        Port = Port,
        IsDefaultCluster = IsDefaultCluster,
        Username = Username,
        HasPassword = !string.IsNullOrEmpty(Password),
        Schema = Schema,
        IsSslVerify = IsSslVerify,
        SslVerificationMode = SslVerificationMode,
        SslCertificateAuthorities = SslCertificateAuthorities,
        SslCertificate = SslCertificate,
        SslInsecureSkipVerify = SslInsecureSkipVerify,
        Label = Label,
        RegisteredSystem = RegisteredSystem,
        CreateTime = CreateTime,
        UpdateTime = UpdateTime,
    };
}
