namespace BkMonitor.Grains.Bcs;

/// <summary>Everything register_cluster needs to create a cluster record.</summary>
internal sealed record BcsRegisterRequest(string TenantId, string ClusterId, int BkBizId, string ProjectId, string Creator = "admin");
