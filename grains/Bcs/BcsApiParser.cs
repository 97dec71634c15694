using System.Globalization;
using System.Text.Json;

namespace BkMonitor.Grains.Bcs;

/// <summary>
/// Turns BCS API responses into discovery inputs. Expected shapes:
/// <code>
/// GET bcsapi/v4/clustermanager/v1/cluster?engineType=k8s   (per tenant)
/// {"code": 0, "message": "success", "result": true,
///  "data": [{"clusterID": "BCS-K8S-00001", "clusterName": "prod", "projectID": "4f2c…",
///            "businessID": "2", "status": "RUNNING", "environment": "prod", "engineType": "k8s",
///            "is_shared": false, "createTime": "…", "updateTime": "…"}]}
///
/// POST federationmanager/v1/clusters/all/sub_clusters   (per tenant, body {})
/// {"code": 0, "message": "success",
///  "data": [{"federation_cluster_id": "BCS-K8S-90001", "host_cluster_id": "BCS-K8S-00001",
///            "sub_clusters": [{"sub_cluster_id": "BCS-K8S-00002", "federation_namespaces": ["ns1"]}]}]}
/// </code>
/// Tolerated: <c>data</c> null (nothing listed), ids as numbers or strings, unknown extra fields, camelCase
/// variants of the flags. Anything else is a <see cref="BcsApiResponseException"/>: one bad entry fails the
/// whole listing, because skipping it would make discovery mark that cluster deleted.
/// </summary>
internal static class BcsApiParser
{
    public static IReadOnlyList<BcsListedCluster> ParseClusterList(string json)
    {
        using var doc = Parse(json);
        var clusters = new List<BcsListedCluster>();
        var index = 0;
        foreach (var item in DataArray(doc.RootElement))
        {
            var path = $"$.data[{index++}]";
            if (item.ValueKind != JsonValueKind.Object)
            {
                throw new BcsApiResponseException($"cluster entry is {item.ValueKind}, expected an object", path);
            }
            var engine = OptionalString(item, "engineType", path);
            if (engine is not null && !engine.Equals("k8s", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }
            clusters.Add(new BcsListedCluster(
                ClusterId: RequiredString(item, "clusterID", path),
                ClusterName: OptionalString(item, "clusterName", path) ?? "",
                ProjectId: RequiredString(item, "projectID", path),
                BkBizId: RequiredInt(item, "businessID", path),
                Status: RequiredString(item, "status", path),
                IsDeleted: OptionalBool(item, path, "is_deleted", "isDeleted"),
                Environment: OptionalString(item, "environment", path) ?? "",
                IsShared: OptionalBool(item, path, "is_shared", "isShared")));
        }
        return clusters;
    }

    public static BcsFederationTopology ParseFederation(string json)
    {
        using var doc = Parse(json);
        var hosts = new Dictionary<string, string>(StringComparer.Ordinal);
        var subs = new Dictionary<string, Dictionary<string, List<string>?>>(StringComparer.Ordinal);
        var index = 0;
        foreach (var item in DataArray(doc.RootElement))
        {
            var path = $"$.data[{index++}]";
            if (item.ValueKind != JsonValueKind.Object)
            {
                throw new BcsApiResponseException($"federation entry is {item.ValueKind}, expected an object", path);
            }
            var fedId = RequiredString(item, "federation_cluster_id", path);
            hosts[fedId] = RequiredString(item, "host_cluster_id", path);
            if (!subs.TryGetValue(fedId, out var fedSubs))
            {
                fedSubs = new Dictionary<string, List<string>?>(StringComparer.Ordinal);
                subs[fedId] = fedSubs;
            }
            ReadSubClusters(item, path, fedSubs);
        }

        var clusters = new Dictionary<string, BcsFederatedCluster>(StringComparer.Ordinal);
        foreach (var (fedId, host) in hosts)
        {
            var fedSubs = subs[fedId].ToDictionary(s => s.Key, s => (IReadOnlyList<string>?)s.Value, StringComparer.Ordinal);
            clusters[fedId] = new BcsFederatedCluster(host, fedSubs);
        }
        return new BcsFederationTopology(clusters);
    }

    private static void ReadSubClusters(JsonElement fed, string path, Dictionary<string, List<string>?> into)
    {
        if (!fed.TryGetProperty("sub_clusters", out var subClusters) || subClusters.ValueKind == JsonValueKind.Null)
        {
            return;
        }
        if (subClusters.ValueKind != JsonValueKind.Array)
        {
            throw new BcsApiResponseException($"sub_clusters is {subClusters.ValueKind}, expected an array", path + ".sub_clusters");
        }
        var i = 0;
        foreach (var sub in subClusters.EnumerateArray())
        {
            var subPath = $"{path}.sub_clusters[{i++}]";
            if (sub.ValueKind != JsonValueKind.Object)
            {
                throw new BcsApiResponseException($"sub-cluster entry is {sub.ValueKind}, expected an object", subPath);
            }
            var subId = RequiredString(sub, "sub_cluster_id", subPath);
            var namespaces = ReadNamespaces(sub, subPath);
            // The same pair may be listed twice; their namespace lists add up, as bk-monitor's refine does.
            if (into.TryGetValue(subId, out var existing) && existing is not null)
            {
                existing.AddRange(namespaces ?? []);
            }
            else
            {
                into[subId] = namespaces;
            }
        }
    }

    private static List<string>? ReadNamespaces(JsonElement sub, string path)
    {
        if (!sub.TryGetProperty("federation_namespaces", out var value))
        {
            return [];
        }
        if (value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        if (value.ValueKind != JsonValueKind.Array)
        {
            throw new BcsApiResponseException($"federation_namespaces is {value.ValueKind}, expected an array", path + ".federation_namespaces");
        }
        var namespaces = new List<string>();
        foreach (var ns in value.EnumerateArray())
        {
            if (ns.ValueKind != JsonValueKind.String)
            {
                throw new BcsApiResponseException($"namespace is {ns.ValueKind}, expected a string", path + ".federation_namespaces");
            }
            namespaces.Add(ns.GetString()!);
        }
        return namespaces;
    }

    private static JsonDocument Parse(string json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            throw new BcsApiResponseException("BCS API returned an empty body");
        }
        try
        {
            return JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw new BcsApiResponseException($"BCS API returned invalid JSON: {e.Message}", "$", e);
        }
    }

    private static IEnumerable<JsonElement> DataArray(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new BcsApiResponseException($"response is {root.ValueKind}, expected an object with code and data");
        }
        if (root.TryGetProperty("code", out var code) && !IsZero(code))
        {
            var message = root.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : "";
            throw new BcsApiResponseException($"BCS API returned code {code.GetRawText()}: {message}", "$.code");
        }
        if (root.TryGetProperty("result", out var result) && result.ValueKind == JsonValueKind.False)
        {
            throw new BcsApiResponseException("BCS API returned result false", "$.result");
        }
        if (!root.TryGetProperty("data", out var data) || data.ValueKind == JsonValueKind.Null)
        {
            return [];
        }
        if (data.ValueKind != JsonValueKind.Array)
        {
            throw new BcsApiResponseException($"data is {data.ValueKind}, expected an array", "$.data");
        }
        return data.EnumerateArray();
    }

    private static bool IsZero(JsonElement code) => code.ValueKind switch
    {
        JsonValueKind.Number => code.TryGetInt64(out var n) && n == 0,
        JsonValueKind.String => code.GetString() == "0",
        _ => false,
    };

    private static string RequiredString(JsonElement item, string name, string path)
    {
        var value = OptionalString(item, name, path);
        return string.IsNullOrEmpty(value)
            ? throw new BcsApiResponseException($"{name} is missing or empty", $"{path}.{name}")
            : value;
    }

    private static string? OptionalString(JsonElement item, string name, string path)
    {
        if (!item.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        return value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number => value.GetRawText(),
            _ => throw new BcsApiResponseException($"{name} is {value.ValueKind}, expected a string", $"{path}.{name}"),
        };
    }

    private static int RequiredInt(JsonElement item, string name, string path)
    {
        var text = RequiredString(item, name, path);
        return int.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new BcsApiResponseException($"{name} '{text}' is not an integer", $"{path}.{name}");
    }

    private static bool OptionalBool(JsonElement item, string path, params string[] names)
    {
        foreach (var name in names)
        {
            if (item.TryGetProperty(name, out var value))
            {
                return value.ValueKind switch
                {
                    JsonValueKind.True => true,
                    JsonValueKind.False or JsonValueKind.Null => false,
                    _ => throw new BcsApiResponseException($"{name} is {value.ValueKind}, expected a boolean", $"{path}.{name}"),
                };
            }
        }
        return false;
    }
}
