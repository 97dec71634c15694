using System.Text.Json;
using BkMonitor.GrainInterfaces.Actions;
using BkMonitor.Grains.Actions;
using static BkMonitor.UnitTests.Actions.ActionFixtures;

namespace BkMonitor.UnitTests.Actions;

public sealed class AlertmanagerPayloadTests
{
    private static JsonElement Serialize(AlertmanagerWebhookPayload payload) =>
        JsonSerializer.SerializeToElement(payload, WebhookBodyBuilder.JsonOptions);

    private static string[] Names(JsonElement e) => e.EnumerateObject().Select(p => p.Name).ToArray();

    [Fact]
    public void Payload_has_exactly_the_alertmanager_v4_fields()
    {
        var json = Serialize(AlertmanagerPayloadBuilder.Build([Alert()], "ops-hook", "http://bkm:5080"));

        Assert.Equal(
            ["version", "groupKey", "truncatedAlerts", "status", "receiver", "groupLabels", "commonLabels", "commonAnnotations", "externalURL", "alerts"],
            Names(json));
        Assert.Equal(
            ["status", "labels", "annotations", "startsAt", "endsAt", "generatorURL", "fingerprint"],
            Names(json.GetProperty("alerts")[0]));
        Assert.Equal("4", json.GetProperty("version").GetString());
        Assert.Equal(0, json.GetProperty("truncatedAlerts").GetInt32());
    }

    [Fact]
    public void Firing_alert_has_open_ends_at_and_rfc3339_starts_at()
    {
        var payload = AlertmanagerPayloadBuilder.Build([Alert()], "ops-hook", "http://bkm:5080");

        var alert = Assert.Single(payload.Alerts);
        Assert.Equal("firing", payload.Status);
        Assert.Equal("firing", alert.Status);
        Assert.Equal("2023-11-14T22:13:20Z", alert.StartsAt);
        Assert.Equal("0001-01-01T00:00:00Z", alert.EndsAt);
        Assert.Equal("ops-hook", payload.Receiver);
        Assert.Equal("http://bkm:5080", payload.ExternalUrl);
    }

    [Theory]
    [InlineData(ActionSignal.Recovered)]
    [InlineData(ActionSignal.Closed)]
    public void Recovered_or_closed_alert_is_resolved_with_its_end_time(string signal)
    {
        var payload = AlertmanagerPayloadBuilder.Build([Alert(signal) with { EndTime = Begin + 4000 }], "r", "");

        Assert.Equal("resolved", payload.Status);
        Assert.Equal("2023-11-14T23:20:00Z", payload.Alerts[0].EndsAt);
    }

    [Fact]
    public void Labels_carry_the_bk_monitor_alarm_fields_and_dimensions()
    {
        var labels = AlertmanagerPayloadBuilder.Build([Alert()], "r", "").Alerts[0].Labels;

        Assert.Equal(
            new SortedDictionary<string, string>(StringComparer.Ordinal)
            {
                ["alert_id"] = "17000000001",
                ["alertname"] = "CPU usage high",
                ["bk_biz_id"] = "2",
                ["bk_target_ip"] = "10.0.0.1",
                ["device"] = "eth0",
                ["severity"] = "critical",
                ["strategy_id"] = "11",
            },
            labels);
    }

    [Fact]
    public void Annotations_carry_description_value_and_level()
    {
        var annotations = AlertmanagerPayloadBuilder.Build([Alert(severity: 2)], "r", "").Alerts[0].Annotations;

        Assert.Equal("AVG(usage) >= 95.0, current 96.5", annotations["description"]);
        Assert.Equal("96.5", annotations["current_value"]);
        Assert.Equal("2", annotations["level"]);
        Assert.Equal("预警", annotations["level_name"]);
        Assert.Equal("目标IP=10.0.0.1,device=eth0", annotations["dimensions"]);
    }

    [Fact]
    public void Fingerprint_matches_prometheus_label_set_fingerprint()
    {
        // Vectors from prometheus/common model tests.
        Assert.Equal("cbf29ce484222325", LabelFingerprint.Of(new Dictionary<string, string>()));
        Assert.Equal("507a62d79ee76c9a", LabelFingerprint.Of(new Dictionary<string, string> { ["name"] = "garland, briggs", ["fear"] = "love is not enough" }));
    }

    [Fact]
    public void Fingerprint_is_stable_for_the_alert_and_independent_of_dimension_order()
    {
        var alert = Alert();
        var reordered = alert with { Dimensions = [.. alert.Dimensions.AsEnumerable().Reverse()], LatestTime = alert.LatestTime + 600 };

        Assert.Equal("a75f3958f29c2a2c", AlertmanagerPayloadBuilder.ToAlert(alert).Fingerprint);
        Assert.Equal("a75f3958f29c2a2c", AlertmanagerPayloadBuilder.ToAlert(reordered).Fingerprint);
    }

    [Fact]
    public void Dimension_keys_become_valid_label_names_and_never_override_reserved_labels()
    {
        var alert = Alert() with
        {
            Dimensions =
            [
                new AlertDimension { Key = "tags.pod-name", Value = "web-1" },
                new AlertDimension { Key = "9lives", Value = "x" },
                new AlertDimension { Key = "severity", Value = "low" },
                new AlertDimension { Key = "empty", Value = "" },
            ],
        };

        var labels = AlertmanagerPayloadBuilder.Labels(alert);

        Assert.Equal("web-1", labels["tags_pod_name"]);
        Assert.Equal("x", labels["_9lives"]);
        Assert.Equal("critical", labels["severity"]);
        Assert.Equal("low", labels["exported_severity"]);
        Assert.False(labels.ContainsKey("empty"));
    }

    [Fact]
    public void Group_labels_and_key_follow_alertmanager_format()
    {
        var payload = AlertmanagerPayloadBuilder.Build([Alert()], "r", "");

        Assert.Equal(["alertname", "bk_biz_id", "strategy_id"], payload.GroupLabels.Keys);
        Assert.Equal("{}:{alertname=\"CPU usage high\", bk_biz_id=\"2\", strategy_id=\"11\"}", payload.GroupKey);
    }

    [Fact]
    public void Common_labels_are_shared_by_all_alerts_and_truncation_is_counted()
    {
        var second = Alert() with { Id = "17000000002", Dimensions = [new AlertDimension { Key = "device", Value = "eth1" }] };

        var payload = AlertmanagerPayloadBuilder.Build([Alert(), second], "r", "", maxAlerts: 1);

        Assert.Equal(["alertname", "bk_biz_id", "severity", "strategy_id"], payload.CommonLabels.Keys);
        Assert.Equal(1, payload.TruncatedAlerts);
        Assert.Single(payload.Alerts);
    }

    [Fact]
    public void Default_webhook_body_is_the_v4_json()
    {
        var body = WebhookBodyBuilder.Build(new WebhookExecuteConfig { Url = "http://x" }, [Alert()], "r", "", TimeZoneInfo.Utc);

        Assert.Equal("application/json", body.ContentType);
        using var doc = JsonDocument.Parse(body.Content);
        Assert.Equal("CPU usage high", doc.RootElement.GetProperty("commonLabels").GetProperty("alertname").GetString());
        Assert.Contains("\"level_name\":\"致命\"", body.Content, StringComparison.Ordinal);
    }

    [Fact]
    public void Body_template_replaces_the_default_payload()
    {
        var config = new WebhookExecuteConfig
        {
            Url = "http://x",
            BodyTemplate = "{\"text\": {{json alarm.name}}, \"status\": \"{{payload.status}}\", \"fp\": \"{{payload.alerts.[0].fingerprint}}\" }",
        };

        var body = WebhookBodyBuilder.Build(config, [Alert()], "r", "", TimeZoneInfo.Utc);

        Assert.Equal("{\"text\": \"CPU usage high\", \"status\": \"firing\", \"fp\": \"a75f3958f29c2a2c\" }", body.Content);
        Assert.Equal("application/json", body.ContentType);
    }

    [Fact]
    public void Plain_text_body_template_is_sent_as_text()
    {
        var config = new WebhookExecuteConfig { Url = "http://x", BodyTemplate = "alert {{alarm.id}} is {{payload.status}}" };

        var body = WebhookBodyBuilder.Build(config, [Alert()], "r", "", TimeZoneInfo.Utc);

        Assert.Equal("alert 17000000001 is firing", body.Content);
        Assert.StartsWith("text/plain", body.ContentType, StringComparison.Ordinal);
    }

    [Fact]
    public void Payload_needs_an_alert()
        => Assert.Throws<ArgumentException>(() => AlertmanagerPayloadBuilder.Build([], "r", ""));
}
