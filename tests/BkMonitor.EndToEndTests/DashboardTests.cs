using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using OpenQA.Selenium;

namespace BkMonitor.EndToEndTests;

/// <summary>The dashboard in a real browser against the running main job: health, silos, grains, an alert acked and closed.</summary>
public sealed class DashboardTests : TempDataDirectory
{
    private const string Token = "dashboard-e2e";

    [Fact]
    public async Task Dashboard_shows_the_cluster_and_acks_and_closes_an_alert_in_a_browser()
    {
        await using var silo = await SiloProcess.StartAsync(DataDirectory, new Dictionary<string, string> { ["BKMONITOR_ADMIN_TOKEN"] = Token });
        using var http = new HttpClient { BaseAddress = silo.BaseAddress };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        var alertId = await RaiseAlertAsync(http);

        using var browser = HeadlessChromium.Start();
        var driver = browser.Driver;
        driver.Navigate().GoToUrl(new Uri(silo.BaseAddress, "dashboard/"));
        Assert.Equal("BkMonitor dashboard", driver.Title);

        Connect(driver, "wrong-token");
        var error = browser.Until(d => d.FindElement(By.Id("error")) is { Displayed: true } e && e.Text.Contains("401", StringComparison.Ordinal) ? e : null, "the 401 message");
        Assert.StartsWith("The admin token was rejected (401 on /api/v1/", error.Text, StringComparison.Ordinal);

        Connect(driver, Token);
        browser.Until(d => d.FindElement(By.Id("error")).Displayed ? null : (object)true, "the error to clear");
        var silos = browser.Until(d => Rows(d, "silos") is { Count: > 0 } rows && rows[0].Text.Contains("Active", StringComparison.Ordinal) ? rows : null, "an active silo");
        Assert.Single(silos);
        browser.Until(d => Rows(d, "grains").Any(r => r.Text.Contains("strategy", StringComparison.OrdinalIgnoreCase)) ? (object)true : null, "strategy activations");
        var alertRow = browser.Until(d => Rows(d, "alerts").FirstOrDefault(r => r.GetAttribute("data-alert-id") == alertId), "the alert row");
        Assert.Contains("e2e cpu high", alertRow.Text, StringComparison.Ordinal);
        Assert.Contains("host=h1", alertRow.Text, StringComparison.Ordinal);

        alertRow.FindElement(By.CssSelector("button[data-command=ack]")).Click();
        browser.Until(d => AlertRow(d, alertId) is { } row && row.Text.Contains("acked", StringComparison.Ordinal) ? row : null, "the acked alert");
        Assert.True((await AlertAsync(http, alertId)).GetProperty("is_ack").GetBoolean());

        AlertRow(driver, alertId)!.FindElement(By.CssSelector("button[data-command=close]")).Click();
        browser.Until(d => AlertRow(d, alertId) is null ? (object)true : null, "the closed alert to leave the table");
        Assert.Equal("CLOSED", (await AlertAsync(http, alertId)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Dashboard_assets_are_served_with_a_strict_content_security_policy()
    {
        await using var silo = await SiloProcess.StartAsync(DataDirectory, new Dictionary<string, string> { ["BKMONITOR_ADMIN_TOKEN"] = Token });
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = silo.BaseAddress };

        var redirect = await http.GetAsync("dashboard");
        Assert.Equal(HttpStatusCode.MovedPermanently, redirect.StatusCode);
        Assert.Equal("/dashboard/", redirect.Headers.Location?.OriginalString);
        var page = await http.GetAsync("dashboard/");
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Contains("script-src 'self'", page.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Equal("text/javascript", (await http.GetAsync("dashboard/dashboard.js")).Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("dashboard/secrets.txt")).StatusCode);
    }

    private static void Connect(IWebDriver driver, string token)
    {
        var input = driver.FindElement(By.Id("token"));
        input.Clear();
        input.SendKeys(token);
        driver.FindElement(By.Id("connect")).Click();
    }

    private static IReadOnlyList<IWebElement> Rows(IWebDriver driver, string table) =>
        driver.FindElements(By.CssSelector($"#{table} tbody tr"));

    private static IWebElement? AlertRow(IWebDriver driver, string alertId) =>
        Rows(driver, "alerts").FirstOrDefault(r => r.GetAttribute("data-alert-id") == alertId);

    /// <summary>Data source, a one-point threshold strategy and one anomalous pushed point: returns the new alert's id.</summary>
    private static async Task<string> RaiseAlertAsync(HttpClient http)
    {
        var created = await http.PostAsJsonAsync("api/v1/data_sources", new { bk_biz_id = 2, data_name = "dashboard", etl_config = "bk_standard_v2_time_series", data_type_label = "time_series" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var source = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement;
        var strategy = $$$"""
            {
              "bk_biz_id": 2, "name": "e2e cpu high", "scenario": "os",
              "items": [{
                "name": "cpu", "no_data_config": {"is_enabled": false},
                "algorithms": [{"type": "Threshold", "level": 1, "config": [[{"threshold": 90, "method": "gte"}]]}],
                "query_configs": [{
                  "data_source_label": "custom", "data_type_label": "time_series", "metric_id": "custom.cpu",
                  "result_table_id": "{{{source.GetProperty("result_table_id").GetString()}}}", "metric_field": "cpu",
                  "agg_method": "avg", "agg_interval": 60, "agg_dimension": ["host"], "agg_condition": []
                }]
              }],
              "detects": [{"level": 1, "connector": "and", "trigger_config": {"count": 1, "check_window": 1}, "recovery_config": {"check_window": 5}}]
            }
            """;
        var saved = await http.PostAsync("api/v1/strategies", new StringContent(strategy, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Created, saved.StatusCode);
        var push = await http.PostAsJsonAsync("v2/push/", new
        {
            data_id = source.GetProperty("bk_data_id").GetInt64(),
            access_token = source.GetProperty("access_token").GetString(),
            data = new[] { new { metrics = new { cpu = 95.0 }, dimension = new { host = "h1" }, timestamp = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() } },
        });
        Assert.Equal(HttpStatusCode.OK, push.StatusCode);
        // The alert is built asynchronously behind the push: poll the search API until it appears (bounded).
        for (var deadline = DateTime.UtcNow.AddSeconds(30); DateTime.UtcNow < deadline; await Task.Delay(100))
        {
            var page = JsonDocument.Parse(await http.GetStringAsync("api/v1/alerts?bk_biz_id=2&status=ABNORMAL")).RootElement;
            if (page.GetProperty("items").EnumerateArray().FirstOrDefault() is { ValueKind: JsonValueKind.Object } alert) return alert.GetProperty("id").GetString()!;
        }
        throw new TimeoutException("no alert appeared within 30 s of the anomalous push");
    }

    private static async Task<JsonElement> AlertAsync(HttpClient http, string alertId) =>
        JsonDocument.Parse(await http.GetStringAsync($"api/v1/alerts/{alertId}")).RootElement;
}
