namespace BkMonitor.Grains.Delivery;

/// <summary>A (possibly multi-line) SMTP reply: the code and the text of each line.</summary>
internal sealed record SmtpReply(int Code, IReadOnlyList<string> Lines)
{
    public bool IsPositive => Code is >= 200 and < 400;

    public override string ToString() => $"{Code} {string.Join(" ", Lines)}".TrimEnd();
}

/// <summary>The server refused a step of the session, or broke the protocol.</summary>
internal sealed class SmtpProtocolException(string message, SmtpReply? reply = null) : Exception(message)
{
    public SmtpReply? Reply { get; } = reply;
}
