namespace BkMonitor.Grains.Bcs.Clients;

/// <summary>Where the BCS API gateway is and how to authenticate (configuration, not per cluster).</summary>
public sealed class BcsApiOptions
{
    /// <summary>e.g. <c>https://bcs-api.example.com/</c>; discovery is off while empty.</summary>
    public string BaseUrl { get; set; } = "";

    public string Token { get; set; } = "";

    /// <summary>Tenants listed by discovery (multi-tenant BCS); "system" for a single-tenant install.</summary>
    public List<string> Tenants { get; set; } = ["system"];

    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    public bool IsConfigured => Uri.TryCreate(BaseUrl, UriKind.Absolute, out _);
}
