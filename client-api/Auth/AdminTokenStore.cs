using System.Security.Cryptography;
using Microsoft.Extensions.Logging;

namespace BkMonitor.ClientApi.Auth;

/// <summary>
/// Resolves the admin token: the configured one, else the one stored in the data directory, else a new
/// random token written there (owner-only permissions) and printed once so the operator can use it.
/// </summary>
public sealed partial class AdminTokenStore
{
    public const string FileName = "admin-token";

    private AdminTokenStore(string token) => Token = token;

    public string Token { get; }

    public static AdminTokenStore Resolve(string? configuredToken, string dataDirectory, ILogger logger)
    {
        if (!string.IsNullOrWhiteSpace(configuredToken))
        {
            return new AdminTokenStore(configuredToken.Trim());
        }
        var path = Path.Combine(dataDirectory, FileName);
        if (File.Exists(path))
        {
            var stored = File.ReadAllText(path).Trim();
            if (stored.Length > 0)
            {
                return new AdminTokenStore(stored);
            }
        }
        Directory.CreateDirectory(dataDirectory);
        var token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        File.WriteAllText(path, token + "\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        LogGenerated(logger, path, token);
        return new AdminTokenStore(token);
    }

    /// <summary>Constant-time comparison, so the token cannot be guessed byte by byte from timings.</summary>
    public bool Matches(string candidate)
        => CryptographicOperations.FixedTimeEquals(
            System.Text.Encoding.UTF8.GetBytes(candidate),
            System.Text.Encoding.UTF8.GetBytes(Token));

    [LoggerMessage(Level = LogLevel.Warning, Message = "Generated an admin token and stored it in {Path}: {Token}")]
    private static partial void LogGenerated(ILogger logger, string path, string token);
}
