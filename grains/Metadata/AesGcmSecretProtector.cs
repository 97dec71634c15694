using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace BkMonitor.Grains.Metadata;

/// <summary>
/// AES-256-GCM secret protection. The key is derived from a configured passphrase with PBKDF2-SHA256;
/// output is <c>v1.</c> + base64url(nonce ‖ ciphertext ‖ tag) with the purpose as associated data.
/// </summary>
public sealed class AesGcmSecretProtector : ISecretProtector
{
    public const string Prefix = "v1.";
    public const int MinPassphraseLength = 16;
    private const int KeyBytes = 32;
    private const int NonceBytes = 12;
    private const int TagBytes = 16;
    private const int Iterations = 100_000;

    // A fixed salt is acceptable here: there is one key per deployment, derived once at start-up.
    private static readonly byte[] Salt = "bk-monitor/secret-protector/v1"u8.ToArray();
    private readonly byte[] _key;

    public AesGcmSecretProtector(string passphrase)
    {
        ArgumentNullException.ThrowIfNull(passphrase);
        if (passphrase.Length < MinPassphraseLength)
        {
            throw new ArgumentException($"the secret passphrase must have at least {MinPassphraseLength} characters", nameof(passphrase));
        }
        _key = Rfc2898DeriveBytes.Pbkdf2(passphrase, Salt, Iterations, HashAlgorithmName.SHA256, KeyBytes);
    }

    public string Protect(string plaintext, string purpose)
    {
        ArgumentNullException.ThrowIfNull(plaintext);
        var plain = Encoding.UTF8.GetBytes(plaintext);
        var output = new byte[NonceBytes + plain.Length + TagBytes];
        var nonce = output.AsSpan(0, NonceBytes);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_key, TagBytes);
        aes.Encrypt(nonce, plain, output.AsSpan(NonceBytes, plain.Length), output.AsSpan(NonceBytes + plain.Length), Aad(purpose));
        return Prefix + Base64Url.EncodeToString(output);
    }

    public string Unprotect(string protectedValue, string purpose)
    {
        ArgumentNullException.ThrowIfNull(protectedValue);
        if (!protectedValue.StartsWith(Prefix, StringComparison.Ordinal))
        {
            throw new SecretTamperedException($"not a protected value: it must start with '{Prefix}'");
        }

        byte[] data;
        try
        {
            data = Base64Url.DecodeFromChars(protectedValue.AsSpan(Prefix.Length));
        }
        catch (FormatException e)
        {
            throw new SecretTamperedException("protected value is not valid base64url", e);
        }
        if (data.Length < NonceBytes + TagBytes)
        {
            throw new SecretTamperedException("protected value is too short to hold a nonce and a tag");
        }

        var cipherLength = data.Length - NonceBytes - TagBytes;
        var plain = new byte[cipherLength];
        try
        {
            using var aes = new AesGcm(_key, TagBytes);
            aes.Decrypt(data.AsSpan(0, NonceBytes), data.AsSpan(NonceBytes, cipherLength), data.AsSpan(NonceBytes + cipherLength), plain, Aad(purpose));
        }
        catch (AuthenticationTagMismatchException e)
        {
            throw new SecretTamperedException($"protected value failed authentication for purpose '{purpose}' (altered, moved, or another key)", e);
        }
        return Encoding.UTF8.GetString(plain);
    }

    private static byte[] Aad(string purpose) => Encoding.UTF8.GetBytes(purpose ?? throw new ArgumentNullException(nameof(purpose)));
}
