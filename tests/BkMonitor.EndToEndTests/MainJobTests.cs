using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace BkMonitor.EndToEndTests;

/// <summary>The main job as a user runs it: a real process answering real HTTP.</summary>
public sealed class MainJobTests : TempDataDirectory
{
    [Fact]
    public async Task Starts_with_the_embedded_default_serves_health_and_stops_gracefully_on_ctrl_c()
    {
        await using var silo = await SiloProcess.StartAsync(DataDirectory);
        using var http = new HttpClient { BaseAddress = silo.BaseAddress };

        var health = JsonDocument.Parse(await http.GetStringAsync("healthz")).RootElement;
        Assert.Equal("ok", health.GetProperty("status").GetString());
        var namespaces = health.GetProperty("checks").EnumerateArray().Select(c => c.GetProperty("namespace").GetString()).ToList();
        Assert.Contains("runtime", namespaces);
        Assert.Contains("storage:Default", namespaces);
        Assert.Contains("reminders", namespaces);

        // First start generates the admin token into the data directory and prints it.
        var token = (await File.ReadAllTextAsync(Path.Combine(DataDirectory, "admin-token"))).Trim();
        Assert.Contains(token, silo.Output);
        var anonymous = await http.GetAsync("api/v1/cluster/silos");
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal("application/problem+json", anonymous.Content.Headers.ContentType?.MediaType);
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var silos = JsonDocument.Parse(await http.GetStringAsync("api/v1/cluster/silos")).RootElement.GetProperty("items");
        Assert.Equal("Active", Assert.Single(silos.EnumerateArray()).GetProperty("status").GetString());

        var metrics = await http.GetStringAsync("metrics");
        Assert.Contains("# TYPE bkmonitor_", metrics);

        var exitCode = await silo.InterruptAsync(TimeSpan.FromSeconds(60));
        Assert.Equal(0, exitCode);
        Assert.Contains("stopped", silo.Output);
    }

    [Fact]
    public async Task A_configured_admin_token_wins_over_the_stored_one()
    {
        await using var silo = await SiloProcess.StartAsync(DataDirectory, new Dictionary<string, string> { ["BKMONITOR_ADMIN_TOKEN"] = "configured-token" });
        using var http = new HttpClient { BaseAddress = silo.BaseAddress };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "configured-token");
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("api/v1/cluster/silos")).StatusCode);
        Assert.False(File.Exists(Path.Combine(DataDirectory, "admin-token")));
    }
}
