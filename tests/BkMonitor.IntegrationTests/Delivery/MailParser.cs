using System.Text;
using System.Text.RegularExpressions;

namespace BkMonitor.IntegrationTests.Delivery;

/// <summary>Reads a received RFC 5322 message the way a mail client would: unfolded headers, RFC 2047 decoded, base64 body.</summary>
public sealed partial class MailParser
{
    private MailParser(IReadOnlyList<string> rawHeaderLines, Dictionary<string, string> headers, string rawBody)
    {
        RawHeaderLines = rawHeaderLines;
        Headers = headers;
        RawBody = rawBody;
    }

    public IReadOnlyList<string> RawHeaderLines { get; }

    /// <summary>Unfolded header values, encoded-words still encoded.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; }

    public string RawBody { get; }

    public static MailParser Parse(byte[] message)
    {
        var text = Encoding.ASCII.GetString(message);
        var split = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        var rawLines = text[..split].Split("\r\n");
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        string? last = null;
        foreach (var line in rawLines)
        {
            if (line[0] is ' ' or '\t')
            {
                headers[last!] += line;
                continue;
            }
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            last = line[..colon];
            headers[last] = line[(colon + 1)..].TrimStart();
        }
        return new MailParser(rawLines, headers, text[(split + 4)..]);
    }

    /// <summary>RFC 2047 §6.2: whitespace between adjacent encoded-words is dropped.</summary>
    public string Decoded(string header)
    {
        var joined = BetweenWords().Replace(Headers[header], "?==?");
        return EncodedWordPattern().Replace(joined, m => Encoding.UTF8.GetString(Convert.FromBase64String(m.Groups[1].Value)));
    }

    public string Body => Encoding.UTF8.GetString(Convert.FromBase64String(RawBody));

    [GeneratedRegex(@"\?=\s+=\?")]
    private static partial Regex BetweenWords();

    [GeneratedRegex(@"=\?UTF-8\?B\?([A-Za-z0-9+/=]*)\?=", RegexOptions.IgnoreCase)]
    private static partial Regex EncodedWordPattern();
}
