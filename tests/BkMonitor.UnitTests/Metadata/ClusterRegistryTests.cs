using System.Text.Json;
using BkMonitor.GrainInterfaces.Metadata;
using BkMonitor.Grains.Metadata;

namespace BkMonitor.UnitTests.Metadata;

public class ClusterRegistryTests
{
    private static readonly AesGcmSecretProtector Protector = new("registry test passphrase");
    private readonly ClusterRegistryState _state = new();
    private readonly ClusterRegistry _registry;

    public ClusterRegistryTests() => _registry = new ClusterRegistry(_state, Protector);

    private static ClusterInfo Es(string name, bool isDefault = false) => new()
    {
        ClusterName = name,
        ClusterType = "elasticsearch",
        DomainName = "es.example.com",
        Port = 9200,
        Schema = "https",
        IsDefaultCluster = isDefault,
        Username = "elastic",
        Password = "hunter2",
    };

    [Fact]
    public void Registration_assigns_increasing_ids_and_timestamps()
    {
        var a = _registry.Register(Es("es-a"), now: 100);
        var b = _registry.Register(Es("es-b"), now: 200);
        Assert.Equal(1, a.ClusterId);
        Assert.Equal(2, b.ClusterId);
        Assert.Equal(200, b.CreateTime);
        Assert.Equal(200, b.UpdateTime);
    }

    [Fact]
    public void A_new_default_unsets_the_old_one_of_the_same_type_only()
    {
        var oldEs = _registry.Register(Es("es-a", isDefault: true), 100);
        var kafka = _registry.Register(new ClusterInfo
        {
            ClusterName = "kafka-a", ClusterType = "kafka", DomainName = "10.0.0.5", Port = 9092, IsDefaultCluster = true,
        }, 100);
        var newEs = _registry.Register(Es("es-b", isDefault: true), 200);

        Assert.Equal(newEs.ClusterId, _registry.DefaultOf("elasticsearch")!.ClusterId);
        Assert.False(_registry.Find(oldEs.ClusterId)!.IsDefaultCluster);
        Assert.Equal(200, _registry.Find(oldEs.ClusterId)!.UpdateTime);
        Assert.Equal(kafka.ClusterId, _registry.DefaultOf("kafka")!.ClusterId);
    }

    [Fact]
    public void SetDefault_switches_the_default()
    {
        var a = _registry.Register(Es("es-a", isDefault: true), 100);
        var b = _registry.Register(Es("es-b"), 100);

        _registry.SetDefault(b.ClusterId, 300);

        Assert.Equal(b.ClusterId, _registry.DefaultOf("elasticsearch")!.ClusterId);
        Assert.Single(_registry.List("elasticsearch"), c => c.IsDefaultCluster);
        Assert.False(_registry.Find(a.ClusterId)!.IsDefaultCluster);
    }

    [Fact]
    public void Passwords_are_stored_encrypted_and_revealed_on_demand()
    {
        var view = _registry.Register(Es("es-a"), 100);
        var stored = Assert.Single(_state.Clusters);

        Assert.StartsWith("v1.", stored.Password);
        Assert.NotEqual("hunter2", stored.Password);
        Assert.True(view.HasPassword);
        Assert.Equal("hunter2", _registry.RevealCredentials(view.ClusterId).Password);
    }

    [Fact]
    public void The_public_view_never_serialises_a_secret()
    {
        var view = _registry.Register(Es("es-a") with { SslCertificate = "CERT", SslCertificateKey = "PRIVATE KEY" }, 100);
        var json = JsonSerializer.Serialize(view);

        Assert.DoesNotContain("\"password\"", json);
        Assert.DoesNotContain("hunter2", json);
        Assert.DoesNotContain("PRIVATE KEY", json);
        Assert.DoesNotContain("ssl_certificate_key", json);
        Assert.Contains("\"has_password\":true", json);
        Assert.Contains("\"cluster_name\":\"es-a\"", json);
    }

    [Fact]
    public void An_update_without_a_password_keeps_the_stored_one()
    {
        var view = _registry.Register(Es("es-a"), 100);
        _registry.Update(view.ClusterId, Es("es-a") with { Password = null, Port = 9300 }, 200);

        var revealed = _registry.RevealCredentials(view.ClusterId);
        Assert.Equal("hunter2", revealed.Password);
        Assert.Equal(9300, revealed.Port);
        Assert.Equal(100, revealed.CreateTime);
        Assert.Equal(200, revealed.UpdateTime);
    }

    [Fact]
    public void A_stored_password_copied_to_another_cluster_is_detected()
    {
        var a = _registry.Register(Es("es-a"), 100);
        var b = _registry.Register(Es("es-b") with { Password = "other" }, 100);
        _state.Clusters[1] = _state.Clusters[1] with { Password = _state.Clusters[0].Password };

        Assert.Equal("hunter2", _registry.RevealCredentials(a.ClusterId).Password);
        Assert.Throws<SecretTamperedException>(() => _registry.RevealCredentials(b.ClusterId));
    }

    [Fact]
    public void Duplicate_names_are_rejected_by_field()
    {
        _registry.Register(Es("es-a"), 100);
        var error = Assert.Throws<ClusterValidationException>(() => _registry.Register(Es("es-a"), 100));
        Assert.Contains("already exists", Assert.Single(error.Errors["cluster_name"]));
        Assert.Single(_state.Clusters);
    }

    [Fact]
    public void Invalid_clusters_report_each_field()
    {
        var bad = new ClusterInfo
        {
            ClusterName = "",
            ClusterType = "mysql",
            DomainName = "http://es:9200",
            Port = 70000,
            Schema = "ftp",
            SslVerificationMode = "strict",
            SslCertificate = "CERT",
            Password = "pw",
        };
        var errors = ClusterInfoValidator.Validate(bad);
        Assert.Equal(
            ["cluster_name", "cluster_type", "domain_name", "port", "schema", "ssl_certificate_key", "ssl_verification_mode", "username"],
            errors.Keys.Order());
    }

    [Fact]
    public void Ssl_verification_over_http_is_rejected()
    {
        var errors = ClusterInfoValidator.Validate(Es("es") with { Schema = "http", IsSslVerify = true });
        Assert.Equal("SSL verification needs schema https", Assert.Single(errors["is_ssl_verify"]));
    }

    [Fact]
    public void Unknown_clusters_are_reported_by_id()
    {
        var error = Assert.Throws<KeyNotFoundException>(() => _registry.SetDefault(42, 0));
        Assert.Contains("42", error.Message);
    }

    [Fact]
    public void An_empty_password_clears_it_and_removal_forgets_the_cluster()
    {
        var view = _registry.Register(Es("es-a"), 100);
        var updated = _registry.Update(view.ClusterId, Es("es-a") with { Password = "" }, 200);
        Assert.False(updated.HasPassword);
        Assert.Null(_registry.RevealCredentials(view.ClusterId).Password);

        Assert.True(_registry.Remove(view.ClusterId));
        Assert.Null(_registry.Find(view.ClusterId));
        Assert.False(_registry.Remove(view.ClusterId));
    }
}
