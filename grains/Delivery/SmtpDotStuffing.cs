namespace BkMonitor.Grains.Delivery;

/// <summary>
/// Frames a message for DATA (RFC 5321 §4.5.2): a '.' starting a line is doubled, the message ends
/// with CRLF, and the terminating "." line follows, so content can never end the transaction early.
/// </summary>
internal static class SmtpDotStuffing
{
    public static byte[] Frame(ReadOnlySpan<byte> message)
    {
        var dots = 0;
        for (var i = 0; i < message.Length; i++)
        {
            if (message[i] == '.' && (i == 0 || message[i - 1] == '\n')) dots++;
        }
        var endsWithCrlf = message.Length >= 2 && message[^2] == '\r' && message[^1] == '\n';
        var framed = new byte[message.Length + dots + (endsWithCrlf || message.IsEmpty ? 0 : 2) + 3];
        var at = 0;
        for (var i = 0; i < message.Length; i++)
        {
            if (message[i] == '.' && (i == 0 || message[i - 1] == '\n')) framed[at++] = (byte)'.';
            framed[at++] = message[i];
        }
        if (!endsWithCrlf && !message.IsEmpty)
        {
            framed[at++] = (byte)'\r';
            framed[at++] = (byte)'\n';
        }
        framed[at++] = (byte)'.';
        framed[at++] = (byte)'\r';
        framed[at] = (byte)'\n';
        return framed;
    }
}
