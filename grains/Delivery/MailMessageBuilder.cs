using System.Globalization;
using System.Net.Mail;
using System.Security.Cryptography;
using System.Text;

namespace BkMonitor.Grains.Delivery;

/// <summary>
/// Builds the RFC 5322 message for a notice: UTF-8 everywhere, encoded-word headers, a base64 body,
/// and the idempotency key both as X-BkMonitor-Idempotency-Key and inside the Message-ID.
/// </summary>
internal static class MailMessageBuilder
{
    public const string IdempotencyHeader = "X-BkMonitor-Idempotency-Key";

    private static readonly HashSet<string> OwnHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "From", "To", "Cc", "Bcc", "Subject", "Date", "Message-ID", "MIME-Version",
        "Content-Type", "Content-Transfer-Encoding", IdempotencyHeader,
    };

    /// <summary>Returns null and an error naming the header when an extra header cannot be written safely.</summary>
    public static string? CheckHeaders(IReadOnlyDictionary<string, string> headers)
    {
        foreach (var (name, value) in headers)
        {
            if (name.Length == 0 || name.Any(c => c <= ' ' || c > '~' || c == ':')) return $"invalid mail header name '{name}'";
            if (OwnHeaders.Contains(name)) return $"mail header '{name}' is set by the mail channel";
            if (value.Contains('\r') || value.Contains('\n')) return $"mail header '{name}' must not contain line breaks";
        }
        return null;
    }

    public static byte[] Build(MailAddress from, IReadOnlyList<MailAddress> to, Notification notification, bool html, DateTimeOffset now)
    {
        var text = new StringBuilder();
        Header(text, "From", Mailbox(from));
        Header(text, "To", string.Join(",\r\n ", to.Select(a => a.Address)));
        Header(text, "Subject", EncodedWord.EncodeIfNeeded(OneLine(notification.Title)));
        Header(text, "Date", now.ToUniversalTime().ToString("ddd, dd MMM yyyy HH:mm:ss '+0000'", CultureInfo.InvariantCulture));
        Header(text, "Message-ID", $"<{MessageIdPart(notification.IdempotencyKey)}@{from.Host}>");
        Header(text, IdempotencyHeader, EncodedWord.EncodeIfNeeded(notification.IdempotencyKey));
        foreach (var (name, value) in notification.Headers)
        {
            Header(text, name, EncodedWord.EncodeIfNeeded(value));
        }
        Header(text, "MIME-Version", "1.0");
        Header(text, "Content-Type", html ? "text/html; charset=utf-8" : "text/plain; charset=utf-8");
        Header(text, "Content-Transfer-Encoding", "base64");
        text.Append("\r\n");
        // Text in base64 must be in canonical form (RFC 2045 §6.8): CRLF line ends.
        var body = Encoding.UTF8.GetBytes(notification.Content.ReplaceLineEndings("\r\n"));
        var encoded = Convert.ToBase64String(body, Base64FormattingOptions.InsertLineBreaks);
        text.Append(encoded);
        if (encoded.Length > 0) text.Append("\r\n");
        return Encoding.ASCII.GetBytes(text.ToString());
    }

    private static void Header(StringBuilder text, string name, string value) =>
        text.Append(name).Append(": ").Append(value).Append("\r\n");

    private static string Mailbox(MailAddress address)
    {
        if (string.IsNullOrEmpty(address.DisplayName)) return address.Address;
        var name = EncodedWord.IsPlain(address.DisplayName)
            ? "\"" + address.DisplayName.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\""
            : EncodedWord.Encode(address.DisplayName);
        return $"{name} <{address.Address}>";
    }

    private static string OneLine(string text) => text.Replace("\r\n", " ").Replace('\r', ' ').Replace('\n', ' ').Replace('\t', ' ');

    /// <summary>The key itself when it is a valid dot-atom (so people can grep for it), else a stable hash of it.</summary>
    internal static string MessageIdPart(string key)
    {
        var ok = key.Length is > 0 and <= 200 && key[0] != '.' && key[^1] != '.' && !key.Contains("..", StringComparison.Ordinal);
        foreach (var c in key)
        {
            ok &= c is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or >= '0' and <= '9' || "!#$%&'*+-/=?^_`{|}~.".Contains(c);
        }
        return ok ? key : "k" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..40];
    }
}
