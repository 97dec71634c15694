namespace BkMonitor.ClientApi.Hosting;

/// <summary>Gateway settings from the environment (API.md defaults).</summary>
public sealed class GatewayOptions
{
    public const string DefaultUrls = "http://127.0.0.1:5080";

    /// <summary>Directory of the embedded default's files (BKMONITOR_DATA_DIR).</summary>
    public string DataDirectory { get; set; } = "./data";

    /// <summary>Admin token (BKMONITOR_ADMIN_TOKEN); generated and stored when empty.</summary>
    public string? AdminToken { get; set; }

    /// <summary>Largest accepted request body; bigger bodies get 413.</summary>
    public long MaxRequestBodyBytes { get; set; } = 16 * 1024 * 1024;
}
