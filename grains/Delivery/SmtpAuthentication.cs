using System.Text;

namespace BkMonitor.Grains.Delivery;

/// <summary>AUTH PLAIN (RFC 4616) when offered, else AUTH LOGIN; any other server is a clear failure.</summary>
internal static class SmtpAuthentication
{
    public static async Task LoginAsync(SmtpSession session, IReadOnlyList<string> capabilities, string user, string password, CancellationToken cancellationToken)
    {
        var mechanisms = Mechanisms(capabilities);
        if (mechanisms.Contains("PLAIN"))
        {
            var token = Base64($"\0{user}\0{password}");
            session.Expect(await session.CommandAsync($"AUTH PLAIN {token}", cancellationToken), 235);
            return;
        }
        if (mechanisms.Contains("LOGIN"))
        {
            session.Expect(await session.CommandAsync("AUTH LOGIN", cancellationToken), 334);
            session.Expect(await session.CommandAsync(Base64(user), cancellationToken), 334);
            session.Expect(await session.CommandAsync(Base64(password), cancellationToken), 235);
            return;
        }
        throw new SmtpProtocolException($"credentials are configured but the server offers no AUTH PLAIN or LOGIN (offers: {string.Join(' ', mechanisms)})");
    }

    private static HashSet<string> Mechanisms(IReadOnlyList<string> capabilities)
    {
        var result = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in capabilities)
        {
            // Old servers advertise "AUTH=LOGIN PLAIN" beside the standard "AUTH LOGIN PLAIN".
            if (!line.StartsWith("AUTH", StringComparison.OrdinalIgnoreCase) || line.Length < 5 || line[4] is not (' ' or '=')) continue;
            foreach (var name in line[5..].Split(' ', StringSplitOptions.RemoveEmptyEntries)) result.Add(name);
        }
        return result;
    }

    private static string Base64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));
}
