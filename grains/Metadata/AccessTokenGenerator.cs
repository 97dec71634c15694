using System.Security.Cryptography;

namespace BkMonitor.Grains.Metadata;

/// <summary>Access tokens for data sources: 32 bytes from the OS CSPRNG as 64 lowercase hex characters.</summary>
internal static class AccessTokenGenerator
{
    public const int TokenBytes = 32;

    public static string New() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(TokenBytes));
}
