namespace BkMonitor.Grains.Bcs;

/// <summary>
/// Deployment settings for reaching clusters through the BCS API gateway: the gateway address, its
/// token (refreshed into every cluster by discovery) and the <c>bk_env</c> label of DataID resources.
/// </summary>
internal sealed record BcsGatewaySettings(string Host, int Port, string Token, string BkEnv = "", string Schema = "https");
