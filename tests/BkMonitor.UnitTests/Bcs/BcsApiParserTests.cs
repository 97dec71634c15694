using BkMonitor.Grains.Bcs;

namespace BkMonitor.UnitTests.Bcs;

public class BcsApiParserTests
{
    [Fact]
    public void A_cluster_manager_listing_parses_into_clusters()
    {
        const string json = """
            {"code": 0, "message": "success", "result": true, "data": [
              {"clusterID": "BCS-K8S-00001", "clusterName": "prod", "projectID": "p1", "businessID": "2",
               "status": "RUNNING", "environment": "prod", "engineType": "k8s", "is_shared": false, "extra": {"x": 1}},
              {"clusterID": "BCS-K8S-00002", "projectID": "p2", "businessID": 3, "status": "DELETED", "isShared": true},
              {"clusterID": "BCS-MESOS-1", "projectID": "p3", "businessID": "4", "status": "RUNNING", "engineType": "mesos"}
            ]}
            """;
        var clusters = BcsApiParser.ParseClusterList(json);

        Assert.Equal(2, clusters.Count);
        Assert.Equal(new BcsListedCluster("BCS-K8S-00001", "prod", "p1", 2, "RUNNING", false, "prod", false), clusters[0]);
        Assert.Equal(new BcsListedCluster("BCS-K8S-00002", "", "p2", 3, "DELETED", false, "", true), clusters[1]);
        Assert.True(clusters[1].IsGone);
    }

    [Fact]
    public void Null_data_means_nothing_listed() =>
        Assert.Empty(BcsApiParser.ParseClusterList("""{"code": 0, "data": null}"""));

    [Theory]
    [InlineData("", "empty body", "$")]
    [InlineData("<html>502 Bad Gateway</html>", "invalid JSON", "$")]
    [InlineData("[1, 2]", "expected an object", "$")]
    [InlineData("""{"code": 40001, "message": "token expired"}""", "code 40001: token expired", "$.code")]
    [InlineData("""{"code": 0, "result": false}""", "result false", "$.result")]
    [InlineData("""{"code": 0, "data": {"clusterID": "x"}}""", "data is Object", "$.data")]
    [InlineData("""{"code": 0, "data": ["BCS-K8S-00001"]}""", "expected an object", "$.data[0]")]
    [InlineData("""{"code": 0, "data": [{"projectID": "p", "businessID": "2", "status": "RUNNING"}]}""", "clusterID is missing", "$.data[0].clusterID")]
    [InlineData("""{"code": 0, "data": [{"clusterID": "c", "projectID": "p", "businessID": "two", "status": "RUNNING"}]}""", "'two' is not an integer", "$.data[0].businessID")]
    [InlineData("""{"code": 0, "data": [{"clusterID": "c", "projectID": "p", "businessID": "2", "status": ["RUNNING"]}]}""", "status is Array", "$.data[0].status")]
    [InlineData("""{"code": 0, "data": [{"clusterID": "c", "projectID": "p", "businessID": "2", "status": "RUNNING", "is_deleted": "no"}]}""", "is_deleted is String", "$.data[0].is_deleted")]
    public void Garbage_listings_fail_with_a_clear_error(string json, string message, string path)
    {
        var error = Assert.Throws<BcsApiResponseException>(() => BcsApiParser.ParseClusterList(json));
        Assert.Contains(message, error.Message);
        Assert.Equal(path, error.Path);
    }

    [Fact]
    public void A_federation_snapshot_groups_sub_clusters_and_namespaces()
    {
        const string json = """
            {"code": 0, "data": [
              {"federation_cluster_id": "BCS-K8S-90001", "host_cluster_id": "BCS-K8S-00001", "sub_clusters": [
                {"sub_cluster_id": "BCS-K8S-00002", "federation_namespaces": ["ns1", "ns2"]},
                {"sub_cluster_id": "BCS-K8S-00003", "federation_namespaces": null},
                {"sub_cluster_id": "BCS-K8S-00004"}]},
              {"federation_cluster_id": "BCS-K8S-90001", "host_cluster_id": "BCS-K8S-00001", "sub_clusters": [
                {"sub_cluster_id": "BCS-K8S-00002", "federation_namespaces": ["ns3"]}]}
            ]}
            """;
        var topology = BcsApiParser.ParseFederation(json);

        var fed = Assert.Single(topology.Clusters);
        Assert.Equal("BCS-K8S-90001", fed.Key);
        Assert.Equal("BCS-K8S-00001", fed.Value.HostClusterId);
        Assert.Equal(["ns1", "ns2", "ns3"], fed.Value.SubClusters["BCS-K8S-00002"]);
        Assert.Null(fed.Value.SubClusters["BCS-K8S-00003"]);
        Assert.Empty(fed.Value.SubClusters["BCS-K8S-00004"]!);
    }

    [Theory]
    [InlineData("""{"code": 0, "data": [{"host_cluster_id": "h"}]}""", "$.data[0].federation_cluster_id")]
    [InlineData("""{"code": 0, "data": [{"federation_cluster_id": "f", "host_cluster_id": "h", "sub_clusters": {}}]}""", "$.data[0].sub_clusters")]
    [InlineData("""{"code": 0, "data": [{"federation_cluster_id": "f", "host_cluster_id": "h", "sub_clusters": [{"sub_cluster_id": "s", "federation_namespaces": [1]}]}]}""", "$.data[0].sub_clusters[0].federation_namespaces")]
    public void Garbage_federation_snapshots_fail_with_the_path(string json, string path) =>
        Assert.Equal(path, Assert.Throws<BcsApiResponseException>(() => BcsApiParser.ParseFederation(json)).Path);

    [Fact]
    public void An_empty_federation_snapshot_parses_as_empty() =>
        Assert.True(BcsApiParser.ParseFederation("""{"code": 0, "data": []}""").IsEmpty);
}
