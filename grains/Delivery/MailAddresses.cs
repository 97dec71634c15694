using System.Net.Mail;

namespace BkMonitor.Grains.Delivery;

/// <summary>Parses addresses for the SMTP envelope: ASCII only (we do not speak SMTPUTF8) and nothing that could break a command line.</summary>
internal static class MailAddresses
{
    public static bool TryParse(string? text, out MailAddress address, out string error)
    {
        address = null!;
        error = "";
        if (string.IsNullOrWhiteSpace(text) || text.Contains('\r') || text.Contains('\n'))
        {
            error = "not an email address";
            return false;
        }
        if (!MailAddress.TryCreate(text.Trim(), out var parsed))
        {
            error = "not an email address";
            return false;
        }
        foreach (var c in parsed.Address)
        {
            if (c <= ' ' || c > '~' || c is '<' or '>')
            {
                error = "only ASCII addresses are supported (no SMTPUTF8)";
                return false;
            }
        }
        address = parsed;
        return true;
    }
}
