namespace BkMonitor.Grains.Metadata;

/// <summary>
/// Encrypts secrets kept in grain state. <paramref name="purpose"/> binds a ciphertext to where it is
/// stored (e.g. <c>cluster:3:password</c>), so a value copied to another record fails to decrypt.
/// </summary>
public interface ISecretProtector
{
    string Protect(string plaintext, string purpose);

    /// <exception cref="SecretTamperedException">The value is malformed, was altered, or belongs to another purpose or key.</exception>
    string Unprotect(string protectedValue, string purpose);
}
