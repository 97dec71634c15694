using System.Security.Cryptography;
using System.Text;
using BkMonitor.Grains.Hashing;

namespace BkMonitor.UnitTests.Hashing;

public sealed class Md5DigestTests
{
    [Theory]
    [InlineData("", "d41d8cd98f00b204e9800998ecf8427e")]
    [InlineData("a", "0cc175b9c0f1b6a831c399e269772661")]
    [InlineData("abc", "900150983cd24fb0d6963f7d28e17f72")]
    [InlineData("message digest", "f96b697d7cb7938d525a2f31aaf161d0")]
    [InlineData("12345678901234567890123456789012345678901234567890123456789012345678901234567890", "57edf4a22be3c955ac49da2e2107b67a")]
    public void Rfc_1321_test_suite(string text, string expected) => Assert.Equal(expected, Md5Digest.HexOf(text));

    [Fact]
    public void Matches_the_platform_md5_across_block_boundaries_and_the_pooled_buffer()
    {
        var random = new Random(7);
        const string alphabet = "abcXYZ019.:|[]'\" 中文ß€𝄞";
        for (var length = 0; length < 700; length++)
        {
            var text = new StringBuilder(length);
            while (text.Length < length) text.Append(alphabet[random.Next(alphabet.Length)]);
            var expected = Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(text.ToString())));
            Assert.Equal(expected, Md5Digest.HexOf(text.ToString()));
        }
    }
}
