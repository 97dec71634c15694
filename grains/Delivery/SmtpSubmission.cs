namespace BkMonitor.Grains.Delivery;

/// <summary>What the server did with one message: who it accepted, who it refused (with its reply), and the DATA answer.</summary>
internal sealed record SmtpSubmission(IReadOnlyList<string> Accepted, IReadOnlyDictionary<string, string> Rejected, SmtpReply? DataReply);
