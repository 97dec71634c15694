using System.Net.Security;
using System.Net.Sockets;
using System.Text;

namespace BkMonitor.Grains.Delivery;

/// <summary>
/// One SMTP submission over a fresh connection: greeting, EHLO (HELO fallback), optional STARTTLS and
/// AUTH, MAIL FROM, RCPT TO per recipient (refusals recorded, not fatal), DATA, QUIT.
/// </summary>
internal sealed class SmtpSession(SmtpOptions options)
{
    private Stream _stream = Stream.Null;
    private SmtpReplyReader _reader = new(Stream.Null);

    /// <summary>The step in progress, for failure reasons ("timed out during DATA").</summary>
    public string Stage { get; private set; } = "connect";

    public async Task<SmtpSubmission> SubmitAsync(string from, IReadOnlyList<string> recipients, ReadOnlyMemory<byte> message, CancellationToken cancellationToken)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(options.Host, options.Port, cancellationToken);
        _stream = client.GetStream();
        _reader = new SmtpReplyReader(_stream);
        try
        {
            Stage = "greeting";
            Expect(await _reader.ReadAsync(cancellationToken), 220);
            var capabilities = await HelloAsync(cancellationToken);
            if (options.StartTls)
            {
                capabilities = await StartTlsAsync(capabilities, cancellationToken);
            }
            if (!string.IsNullOrEmpty(options.UserName))
            {
                Stage = "AUTH";
                await SmtpAuthentication.LoginAsync(this, capabilities, options.UserName, options.Password ?? "", cancellationToken);
            }
            Stage = "MAIL FROM";
            Expect(await CommandAsync($"MAIL FROM:<{from}>", cancellationToken), 250);
            var accepted = new List<string>();
            var rejected = new Dictionary<string, string>();
            foreach (var recipient in recipients)
            {
                Stage = "RCPT TO";
                var reply = await CommandAsync($"RCPT TO:<{recipient}>", cancellationToken);
                if (reply.Code is 250 or 251) accepted.Add(recipient);
                else if (reply.Code == 421) throw new SmtpProtocolException($"server closing during RCPT TO: {reply}", reply);
                else rejected[recipient] = reply.ToString();
            }
            if (accepted.Count == 0)
            {
                await QuitAsync(cancellationToken);
                return new SmtpSubmission(accepted, rejected, null);
            }
            Stage = "DATA";
            Expect(await CommandAsync("DATA", cancellationToken), 354);
            await _stream.WriteAsync(SmtpDotStuffing.Frame(message.Span), cancellationToken);
            await _stream.FlushAsync(cancellationToken);
            var dataReply = await _reader.ReadAsync(cancellationToken);
            Expect(dataReply, 250);
            await QuitAsync(cancellationToken);
            return new SmtpSubmission(accepted, rejected, dataReply);
        }
        finally
        {
            await _stream.DisposeAsync();
        }
    }

    internal async Task<SmtpReply> CommandAsync(string command, CancellationToken cancellationToken)
    {
        await _stream.WriteAsync(Encoding.ASCII.GetBytes(command + "\r\n"), cancellationToken);
        await _stream.FlushAsync(cancellationToken);
        return await _reader.ReadAsync(cancellationToken);
    }

    internal void Expect(SmtpReply reply, int code)
    {
        if (reply.Code != code) throw new SmtpProtocolException($"{Stage} refused: {reply}", reply);
    }

    private async Task<IReadOnlyList<string>> HelloAsync(CancellationToken cancellationToken)
    {
        Stage = "EHLO";
        var reply = await CommandAsync($"EHLO {options.HeloName}", cancellationToken);
        if (reply.Code == 250) return reply.Lines.Skip(1).ToList();
        Stage = "HELO";
        Expect(await CommandAsync($"HELO {options.HeloName}", cancellationToken), 250);
        return [];
    }

    private async Task<IReadOnlyList<string>> StartTlsAsync(IReadOnlyList<string> capabilities, CancellationToken cancellationToken)
    {
        Stage = "STARTTLS";
        if (!capabilities.Any(c => c.Equals("STARTTLS", StringComparison.OrdinalIgnoreCase)))
        {
            throw new SmtpProtocolException("STARTTLS is required but the server does not offer it");
        }
        Expect(await CommandAsync("STARTTLS", cancellationToken), 220);
        // Bytes sent before the handshake would be read as if they came over TLS (the STARTTLS injection flaw).
        if (_reader.HasBufferedData) throw new SmtpProtocolException("the server sent data before the TLS handshake");
        var tls = new SslStream(_stream, leaveInnerStreamOpen: false, options.CertificateValidation);
        await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions { TargetHost = options.Host }, cancellationToken);
        _stream = tls;
        _reader = new SmtpReplyReader(tls);
        // Capabilities seen in clear text are discarded: the server states them again over TLS.
        return await HelloAsync(cancellationToken);
    }

    private async Task QuitAsync(CancellationToken cancellationToken)
    {
        Stage = "QUIT";
        try
        {
            await CommandAsync("QUIT", cancellationToken);
        }
        catch (Exception e) when (e is IOException or SmtpProtocolException)
        {
            // The message is already accepted (or nobody was); a server that hangs up on QUIT changes nothing.
        }
    }
}
