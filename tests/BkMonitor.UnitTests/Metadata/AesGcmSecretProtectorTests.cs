using BkMonitor.Grains.Metadata;

namespace BkMonitor.UnitTests.Metadata;

public class AesGcmSecretProtectorTests
{
    private static readonly AesGcmSecretProtector Protector = new("correct horse battery staple");

    [Theory]
    [InlineData("s3cret!")]
    [InlineData("")]
    [InlineData("密码 with unicode ✓")]
    public void A_protected_secret_round_trips(string secret)
    {
        var protectedValue = Protector.Protect(secret, "cluster:1:password");
        Assert.StartsWith("v1.", protectedValue);
        Assert.DoesNotContain("s3cret", protectedValue);
        Assert.Equal(secret, Protector.Unprotect(protectedValue, "cluster:1:password"));
    }

    [Fact]
    public void The_same_secret_encrypts_differently_each_time() =>
        Assert.NotEqual(Protector.Protect("pw", "p"), Protector.Protect("pw", "p"));

    [Fact]
    public void A_key_derived_from_the_same_passphrase_decrypts() =>
        Assert.Equal("pw", new AesGcmSecretProtector("correct horse battery staple").Unprotect(Protector.Protect("pw", "p"), "p"));

    [Fact]
    public void A_flipped_bit_is_detected()
    {
        var value = Protector.Protect("password", "cluster:1:password");
        var bytes = System.Buffers.Text.Base64Url.DecodeFromChars(value.AsSpan(3));
        bytes[14] ^= 0x01;
        var tampered = "v1." + System.Buffers.Text.Base64Url.EncodeToString(bytes);

        var error = Assert.Throws<SecretTamperedException>(() => Protector.Unprotect(tampered, "cluster:1:password"));
        Assert.Contains("failed authentication", error.Message);
    }

    [Fact]
    public void A_secret_moved_to_another_record_is_detected()
    {
        var value = Protector.Protect("password", "cluster:1:password");
        Assert.Throws<SecretTamperedException>(() => Protector.Unprotect(value, "cluster:2:password"));
    }

    [Fact]
    public void Another_passphrase_cannot_decrypt()
    {
        var other = new AesGcmSecretProtector("a different passphrase!!");
        Assert.Throws<SecretTamperedException>(() => other.Unprotect(Protector.Protect("pw", "p"), "p"));
    }

    [Theory]
    [InlineData("plaintext")]
    [InlineData("v1.***not-base64***")]
    [InlineData("v1.AAAA")]
    public void Malformed_values_are_rejected(string value) =>
        Assert.Throws<SecretTamperedException>(() => Protector.Unprotect(value, "p"));

    [Fact]
    public void A_short_passphrase_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => new AesGcmSecretProtector("short"));
        Assert.Contains("16", error.Message);
    }
}
