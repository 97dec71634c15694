using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace BkMonitor.IntegrationTests.Delivery;

/// <summary>One message as the test SMTP server received it: envelope, the DATA bytes as sent and after un-stuffing.</summary>
public sealed record ReceivedMail(string MailFrom, IReadOnlyList<string> Recipients, byte[] WireData, byte[] Data, bool OverTls);

/// <summary>
/// A minimal SMTP server on 127.0.0.1 speaking just enough of RFC 5321 (EHLO/HELO, STARTTLS, AUTH
/// PLAIN/LOGIN, MAIL, RCPT, DATA, RSET, QUIT) and recording the whole dialogue.
/// </summary>
public sealed class SmtpTestServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly List<string> _transcript = [];
    private readonly TaskCompletionSource<ReceivedMail> _mail = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _sessionEnded = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Task _loop;

    public SmtpTestServer()
    {
        _listener.Start();
        _loop = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public ISet<string> RefusedRecipients { get; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

    public string[] AuthMechanisms { get; init; } = [];

    public X509Certificate2? TlsCertificate { get; init; }

    public bool SilentGreeting { get; init; }

    public string MailFromReply { get; init; } = "250 2.1.0 sender ok";

    /// <summary>Credentials the client presented, decoded.</summary>
    public string? Login { get; private set; }

    public bool LoggedInOverTls { get; private set; }

    public IReadOnlyList<string> Transcript
    {
        get
        {
            lock (_transcript) return _transcript.ToList();
        }
    }

    public Task<ReceivedMail> MailAsync() => _mail.Task.WaitAsync(TimeSpan.FromSeconds(10));

    /// <summary>Completes when the client's session is over (QUIT answered or connection closed).</summary>
    public Task SessionEndedAsync() => _sessionEnded.Task.WaitAsync(TimeSpan.FromSeconds(10));

    private async Task AcceptAsync()
    {
        try
        {
            using var client = await _listener.AcceptTcpClientAsync(_stop.Token);
            await ServeAsync(client.GetStream(), _stop.Token);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or SocketException or ObjectDisposedException)
        {
            // Client hung up or the test ended.
        }
        finally
        {
            _sessionEnded.TrySetResult();
        }
    }

    private async Task ServeAsync(Stream stream, CancellationToken ct)
    {
        if (SilentGreeting)
        {
            await Task.Delay(Timeout.Infinite, ct);
        }
        var tls = false;
        string? from = null;
        var recipients = new List<string>();
        await SayAsync(stream, "220 test.local ESMTP ready", ct);
        while (true)
        {
            var line = Encoding.ASCII.GetString(await ReadLineAsync(stream, ct));
            Record("C: " + line);
            var verb = line.Split(' ', 2)[0].ToUpperInvariant();
            switch (verb)
            {
                case "EHLO":
                    var lines = new List<string> { "test.local hello" };
                    if (TlsCertificate is not null && !tls) lines.Add("STARTTLS");
                    if (AuthMechanisms.Length > 0) lines.Add("AUTH " + string.Join(' ', AuthMechanisms));
                    lines.Add("8BITMIME");
                    for (var i = 0; i < lines.Count; i++) await SayAsync(stream, $"250{(i == lines.Count - 1 ? ' ' : '-')}{lines[i]}", ct);
                    break;
                case "HELO" or "RSET":
                    await SayAsync(stream, "250 ok", ct);
                    break;
                case "STARTTLS":
                    await SayAsync(stream, "220 2.0.0 go ahead", ct);
                    var ssl = new SslStream(stream);
                    await ssl.AuthenticateAsServerAsync(new SslServerAuthenticationOptions { ServerCertificate = TlsCertificate }, ct);
                    stream = ssl;
                    tls = true;
                    break;
                case "AUTH":
                    await AuthenticateAsync(stream, line, ct);
                    LoggedInOverTls = tls;
                    await SayAsync(stream, "235 2.7.0 authenticated", ct);
                    break;
                case "MAIL":
                    from = Between(line, '<', '>');
                    await SayAsync(stream, MailFromReply, ct);
                    break;
                case "RCPT":
                    var to = Between(line, '<', '>');
                    if (RefusedRecipients.Contains(to))
                    {
                        await SayAsync(stream, $"550 5.1.1 <{to}>: user unknown", ct);
                    }
                    else
                    {
                        recipients.Add(to);
                        await SayAsync(stream, "250 2.1.5 ok", ct);
                    }
                    break;
                case "DATA":
                    await SayAsync(stream, "354 end with <CRLF>.<CRLF>", ct);
                    var (wire, data) = await ReadDataAsync(stream, ct);
                    await SayAsync(stream, "250 2.0.0 queued as 4711", ct);
                    _mail.TrySetResult(new ReceivedMail(from ?? "", recipients.ToList(), wire, data, tls));
                    break;
                case "QUIT":
                    await SayAsync(stream, "221 2.0.0 bye", ct);
                    return;
                default:
                    await SayAsync(stream, "500 5.5.2 unknown command", ct);
                    break;
            }
        }
    }

    private async Task AuthenticateAsync(Stream stream, string line, CancellationToken ct)
    {
        var parts = line.Split(' ');
        if (parts[1] == "PLAIN")
        {
            Login = "PLAIN " + Encoding.UTF8.GetString(Convert.FromBase64String(parts[2])).Replace('\0', '|');
            return;
        }
        await SayAsync(stream, "334 VXNlcm5hbWU6", ct);
        var user = Encoding.UTF8.GetString(Convert.FromBase64String(Encoding.ASCII.GetString(await ReadLineAsync(stream, ct))));
        await SayAsync(stream, "334 UGFzc3dvcmQ6", ct);
        var password = Encoding.UTF8.GetString(Convert.FromBase64String(Encoding.ASCII.GetString(await ReadLineAsync(stream, ct))));
        Login = $"LOGIN {user}|{password}";
    }

    /// <summary>Reads DATA up to the lone "." line, returning it as sent and with the dot-stuffing undone.</summary>
    private static async Task<(byte[] Wire, byte[] Data)> ReadDataAsync(Stream stream, CancellationToken ct)
    {
        var wire = new MemoryStream();
        var data = new MemoryStream();
        while (true)
        {
            var line = await ReadLineAsync(stream, ct);
            if (line is [(byte)'.']) return (wire.ToArray(), data.ToArray());
            wire.Write(line);
            wire.Write("\r\n"u8);
            data.Write(line.Length > 0 && line[0] == '.' ? line.AsSpan(1) : line);
            data.Write("\r\n"u8);
        }
    }

    /// <summary>One line without its CRLF; byte at a time so nothing is buffered across a STARTTLS switch.</summary>
    private static async Task<byte[]> ReadLineAsync(Stream stream, CancellationToken ct)
    {
        var line = new MemoryStream();
        var one = new byte[1];
        while (true)
        {
            if (await stream.ReadAsync(one, ct) == 0) throw new IOException("client closed");
            if (one[0] == '\n') break;
            line.WriteByte(one[0]);
        }
        var bytes = line.ToArray();
        return bytes.Length > 0 && bytes[^1] == '\r' ? bytes[..^1] : bytes;
    }

    private async Task SayAsync(Stream stream, string line, CancellationToken ct)
    {
        Record("S: " + line);
        await stream.WriteAsync(Encoding.ASCII.GetBytes(line + "\r\n"), ct);
        await stream.FlushAsync(ct);
    }

    private void Record(string line)
    {
        lock (_transcript) _transcript.Add(line);
    }

    private static string Between(string text, char open, char close)
    {
        var start = text.IndexOf(open, StringComparison.Ordinal) + 1;
        return text[start..text.IndexOf(close, start)];
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _loop;
        _stop.Dispose();
    }
}
