using System.Text;

namespace BkMonitor.Grains.Delivery;

/// <summary>
/// RFC 2047 "B" encoded-words in UTF-8 for header text (alarm titles are Chinese). Words hold whole
/// characters only and are folded one per line so no header line passes 78 characters.
/// </summary>
internal static class EncodedWord
{
    // 42 bytes → 56 base64 chars → a 68-char word; "Subject: " plus a word stays under 78.
    private const int MaxChunkBytes = 42;

    /// <summary>Text that can go into a header verbatim: short printable ASCII that cannot be mistaken for an encoded-word.</summary>
    public static bool IsPlain(string text)
    {
        if (text.Length > 60 || text.Contains("=?", StringComparison.Ordinal)) return false;
        foreach (var c in text)
        {
            if (c < ' ' || c > '~') return false;
        }
        return true;
    }

    public static string Encode(string text)
    {
        var builder = new StringBuilder();
        Span<byte> chunk = stackalloc byte[MaxChunkBytes];
        var used = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            if (used + rune.Utf8SequenceLength > MaxChunkBytes)
            {
                AppendWord(builder, chunk[..used]);
                used = 0;
            }
            used += rune.EncodeToUtf8(chunk[used..]);
        }
        if (used > 0 || builder.Length == 0) AppendWord(builder, chunk[..used]);
        return builder.ToString();
    }

    public static string EncodeIfNeeded(string text) => IsPlain(text) ? text : Encode(text);

    private static void AppendWord(StringBuilder builder, ReadOnlySpan<byte> bytes)
    {
        if (builder.Length > 0) builder.Append("\r\n ");
        builder.Append("=?UTF-8?B?").Append(Convert.ToBase64String(bytes)).Append("?=");
    }
}
