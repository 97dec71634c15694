using System.Security.Cryptography;
using System.Text;
using BkMonitor.Grains.Metadata;

namespace BkMonitor.Grains.Hosting;

/// <summary>
/// The deployment's <see cref="AesGcmSecretProtector"/>: passphrase from <c>BKMONITOR_SECRET_KEY</c>, else a key
/// generated once into <c>{data dir}/secret-key</c>. Resolved on first use, so silos that never touch a secret
/// never create the file.
/// </summary>
internal sealed class ConfiguredSecretProtector(string? passphrase, string dataDirectory) : ISecretProtector
{
    public const string FileName = "secret-key";
    private readonly Lazy<AesGcmSecretProtector> _inner = new(() => new AesGcmSecretProtector(passphrase ?? ReadOrCreateKeyFile(dataDirectory)));

    public string Protect(string plaintext, string purpose) => _inner.Value.Protect(plaintext, purpose);

    public string Unprotect(string protectedValue, string purpose) => _inner.Value.Unprotect(protectedValue, purpose);

    internal static string ReadOrCreateKeyFile(string dataDirectory)
    {
        var path = Path.Combine(dataDirectory, FileName);
        if (!File.Exists(path))
        {
            Directory.CreateDirectory(dataDirectory);
            var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
            try
            {
                var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
                if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
                using var file = new FileStream(path, options);
                file.Write(Encoding.UTF8.GetBytes(key));
                return key;
            }
            catch (IOException) when (File.Exists(path))
            {
                // Another silo of this data directory created it first: use theirs.
            }
        }
        var stored = File.ReadAllText(path).Trim();
        return stored.Length >= AesGcmSecretProtector.MinPassphraseLength
            ? stored
            : throw new InvalidOperationException($"{path} holds a key shorter than {AesGcmSecretProtector.MinPassphraseLength} characters.");
    }
}
