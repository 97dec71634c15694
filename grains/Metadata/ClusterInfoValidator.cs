using BkMonitor.GrainInterfaces.Metadata;

namespace BkMonitor.Grains.Metadata;

/// <summary>Checks a storage cluster definition and reports every problem by field name.</summary>
internal static class ClusterInfoValidator
{
    public const int MaxNameLength = 128;
    private static readonly string[] Schemas = ["http", "https"];
    private static readonly string[] VerificationModes = ["none", "partial", "full"];

    public static Dictionary<string, List<string>> Validate(ClusterInfo cluster)
    {
        var errors = new FieldErrors();
        if (string.IsNullOrWhiteSpace(cluster.ClusterName))
        {
            errors.Add("cluster_name", "cluster_name must not be empty");
        }
        else if (cluster.ClusterName.Length > MaxNameLength)
        {
            errors.Add("cluster_name", $"cluster_name is longer than {MaxNameLength} characters");
        }

        if (!ClusterTypes.All.Contains(cluster.ClusterType))
        {
            errors.Add("cluster_type", $"unknown cluster_type '{cluster.ClusterType}', expected one of: {string.Join(", ", ClusterTypes.All)}");
        }

        if (string.IsNullOrWhiteSpace(cluster.DomainName))
        {
            errors.Add("domain_name", "domain_name must not be empty");
        }
        else if (Uri.CheckHostName(cluster.DomainName) == UriHostNameType.Unknown)
        {
            errors.Add("domain_name", $"domain_name '{cluster.DomainName}' is not a host name or IP address (no scheme, path or port)");
        }

        if (cluster.Port is < 1 or > 65535)
        {
            errors.Add("port", $"port {cluster.Port} is outside 1..65535");
        }

        if (!string.IsNullOrEmpty(cluster.Schema) && !Schemas.Contains(cluster.Schema))
        {
            errors.Add("schema", $"schema '{cluster.Schema}' must be http or https");
        }
        else if (cluster.IsSslVerify && cluster.Schema == "http")
        {
            errors.Add("is_ssl_verify", "SSL verification needs schema https");
        }

        if (cluster.SslVerificationMode is { } mode && !VerificationModes.Contains(mode))
        {
            errors.Add("ssl_verification_mode", $"ssl_verification_mode '{mode}' must be one of: {string.Join(", ", VerificationModes)}");
        }

        if (string.IsNullOrEmpty(cluster.SslCertificate) != string.IsNullOrEmpty(cluster.SslCertificateKey))
        {
            errors.Add("ssl_certificate_key", "ssl_certificate and ssl_certificate_key must be given together");
        }

        if (string.IsNullOrEmpty(cluster.Username) && !string.IsNullOrEmpty(cluster.Password))
        {
            errors.Add("username", "a password needs a username");
        }

        if (cluster.Label.Length > MaxNameLength)
        {
            errors.Add("label", $"label is longer than {MaxNameLength} characters");
        }

        return errors.Errors;
    }
}
