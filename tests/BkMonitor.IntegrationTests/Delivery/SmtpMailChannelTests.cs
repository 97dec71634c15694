using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using BkMonitor.Grains.Delivery;

namespace BkMonitor.IntegrationTests.Delivery;

/// <summary>The mail channel against a minimal SMTP server on loopback.</summary>
public sealed class SmtpMailChannelTests
{
    private static readonly DateTimeOffset Now = new(2025, 7, 1, 18, 30, 5, TimeSpan.FromHours(8));
    private const string Title = "【致命】CPU 使用率过高 - 主机 10.0.0.1 告警已持续 5 分钟，请尽快处理 (strategy 42)";
    private const string Content = "告警名称：CPU 使用率过高\n当前值：95.5%\n.leading dot line\n维度：ip=10.0.0.1";

    private static SmtpMailChannel Channel(SmtpTestServer server, Func<SmtpOptions, SmtpOptions>? tweak = null)
    {
        var options = new SmtpOptions { Host = "127.0.0.1", Port = server.Port, From = "蓝鲸监控 <alarm@bk.example>", Timeout = TimeSpan.FromSeconds(10) };
        return new SmtpMailChannel(tweak?.Invoke(options) ?? options, new FixedClock(Now));
    }

    private static Notification Notice(params string[] receivers) => new("strategy42-alert7-abnormal-0", receivers, Title, Content);

    [Fact]
    public async Task Mail_arrives_with_decoded_chinese_subject_base64_body_and_idempotency_headers()
    {
        await using var server = new SmtpTestServer();

        var result = await Channel(server).SendAsync(Notice("ops@bk.example", "dba@bk.example", "OPS@bk.example"), CancellationToken.None);

        Assert.Equal(DeliveryStatus.Success, result.Status);
        Assert.Equal(250, result.StatusCode);
        var mail = await server.MailAsync();
        Assert.Equal("alarm@bk.example", mail.MailFrom);
        Assert.Equal(["ops@bk.example", "dba@bk.example"], mail.Recipients);
        var parsed = MailParser.Parse(mail.Data);
        Assert.Equal(Title, parsed.Decoded("Subject"));
        Assert.Equal("蓝鲸监控 <alarm@bk.example>", parsed.Decoded("From"));
        Assert.Equal("ops@bk.example, dba@bk.example", parsed.Headers["To"]);
        Assert.Equal(Content.ReplaceLineEndings("\r\n"), parsed.Body);
        Assert.Equal("strategy42-alert7-abnormal-0", parsed.Headers["X-BkMonitor-Idempotency-Key"]);
        Assert.Equal("<strategy42-alert7-abnormal-0@bk.example>", parsed.Headers["Message-ID"]);
        Assert.Equal("Tue, 01 Jul 2025 10:30:05 +0000", parsed.Headers["Date"]);
        Assert.Equal("1.0", parsed.Headers["MIME-Version"]);
        Assert.Equal("text/plain; charset=utf-8", parsed.Headers["Content-Type"]);
        Assert.Equal("base64", parsed.Headers["Content-Transfer-Encoding"]);
        Assert.All(parsed.RawHeaderLines, line => Assert.True(line.Length <= 78, $"header line over 78 chars: {line}"));
        Assert.All(mail.WireData, b => Assert.True(b < 0x80, "the message must be 7-bit"));
        Assert.Contains("C: QUIT", server.Transcript);
    }

    [Fact]
    public async Task One_refused_recipient_gives_partial_success_naming_it()
    {
        await using var server = new SmtpTestServer();
        server.RefusedRecipients.Add("gone@bk.example");

        var result = await Channel(server).SendAsync(Notice("ops@bk.example", "gone@bk.example", "dba@bk.example"), CancellationToken.None);

        Assert.Equal(DeliveryStatus.PartialSuccess, result.Status);
        Assert.Equal(["ops@bk.example", "dba@bk.example"], (await server.MailAsync()).Recipients);
        var refused = Assert.Single(result.FailedReceivers);
        Assert.Equal("gone@bk.example", refused.Key);
        Assert.Equal("550 5.1.1 <gone@bk.example>: user unknown", refused.Value);
        Assert.Equal("accepted for 2 of 3 receivers: 250 2.0.0 queued as 4711; refused: gone@bk.example (550 5.1.1 <gone@bk.example>: user unknown)", result.Reason);
    }

    [Fact]
    public async Task Every_recipient_refused_is_a_failure_and_no_data_is_sent()
    {
        await using var server = new SmtpTestServer();
        server.RefusedRecipients.Add("a@bk.example");
        server.RefusedRecipients.Add("b@bk.example");

        var result = await Channel(server).SendAsync(Notice("a@bk.example", "b@bk.example"), CancellationToken.None);

        Assert.Equal(DeliveryStatus.Failure, result.Status);
        Assert.Equal(["a@bk.example", "b@bk.example"], result.FailedReceivers.Keys.Order());
        Assert.StartsWith("every receiver was refused; refused: ", result.Reason);
        await server.SessionEndedAsync();
        Assert.DoesNotContain("C: DATA", server.Transcript);
    }

    [Fact]
    public async Task Receiver_that_is_not_an_address_is_named_and_the_others_still_get_mail()
    {
        await using var server = new SmtpTestServer();

        var result = await Channel(server).SendAsync(Notice("admin", "ops@bk.example", "x@bk.example>\r\nRCPT TO:<evil@x"), CancellationToken.None);

        Assert.Equal(DeliveryStatus.PartialSuccess, result.Status);
        Assert.Equal(["ops@bk.example"], (await server.MailAsync()).Recipients);
        Assert.Equal("not an email address", result.FailedReceivers["admin"]);
        Assert.Equal(2, result.FailedReceivers.Count);
        Assert.DoesNotContain(server.Transcript, l => l.Contains("evil", StringComparison.Ordinal));
    }

    [Fact]
    public async Task No_receivers_is_skipped()
    {
        await using var server = new SmtpTestServer();

        var result = await Channel(server).SendAsync(Notice(), CancellationToken.None);

        Assert.Equal(DeliveryStatus.Skipped, result.Status);
        Assert.Equal("no receivers", result.Reason);
    }

    [Fact]
    public async Task Lines_starting_with_a_dot_are_stuffed_on_the_wire_and_arrive_intact()
    {
        await using var server = new SmtpTestServer();
        var message = Encoding.ASCII.GetBytes("Subject: dots\r\n\r\nfirst\r\n.hidden\r\n..two\r\n.\r\nlast");
        var session = new SmtpSession(new SmtpOptions { Host = "127.0.0.1", Port = server.Port, From = "a@b.c" });

        await session.SubmitAsync("a@b.c", ["ops@bk.example"], message, CancellationToken.None);

        var mail = await server.MailAsync();
        Assert.Equal("Subject: dots\r\n\r\nfirst\r\n..hidden\r\n...two\r\n..\r\nlast\r\n", Encoding.ASCII.GetString(mail.WireData));
        Assert.Equal("Subject: dots\r\n\r\nfirst\r\n.hidden\r\n..two\r\n.\r\nlast\r\n", Encoding.ASCII.GetString(mail.Data));
    }

    [Fact]
    public void Dot_stuffing_frames_a_message_that_already_ends_with_crlf_without_an_empty_line()
    {
        Assert.Equal("a\r\n..\r\n.\r\n"u8.ToArray(), SmtpDotStuffing.Frame("a\r\n.\r\n"u8));
        Assert.Equal("..\r\n.\r\n"u8.ToArray(), SmtpDotStuffing.Frame("."u8));
    }

    [Theory]
    [InlineData(new[] { "LOGIN", "PLAIN" }, "PLAIN |bkm|p@ss wörd")]
    [InlineData(new[] { "LOGIN" }, "LOGIN bkm|p@ss wörd")]
    public async Task Credentials_go_through_auth_plain_when_offered_else_login(string[] mechanisms, string login)
    {
        await using var server = new SmtpTestServer { AuthMechanisms = mechanisms };

        var result = await Channel(server, o => new SmtpOptions { Host = o.Host, Port = o.Port, From = o.From, UserName = "bkm", Password = "p@ss wörd" })
            .SendAsync(Notice("ops@bk.example"), CancellationToken.None);

        Assert.Equal(DeliveryStatus.Success, result.Status);
        Assert.Equal(login, server.Login);
    }

    [Fact]
    public async Task Credentials_without_an_auth_offer_fail_before_mail_from()
    {
        await using var server = new SmtpTestServer();

        var result = await Channel(server, o => new SmtpOptions { Host = o.Host, Port = o.Port, From = o.From, UserName = "bkm", Password = "x" })
            .SendAsync(Notice("ops@bk.example"), CancellationToken.None);

        Assert.Equal(DeliveryStatus.Failure, result.Status);
        Assert.Equal("SMTP credentials are configured but the server offers no AUTH PLAIN or LOGIN (offers: )", result.Reason);
        await server.SessionEndedAsync();
        Assert.DoesNotContain(server.Transcript, l => l.StartsWith("C: MAIL", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Starttls_upgrades_before_auth_and_the_mail_travels_encrypted()
    {
        using var certificate = SelfSigned();
        await using var server = new SmtpTestServer { TlsCertificate = certificate, AuthMechanisms = ["PLAIN"] };
        var channel = Channel(server, o => new SmtpOptions
        {
            Host = o.Host, Port = o.Port, From = o.From, UserName = "bkm", Password = "pw", StartTls = true,
            CertificateValidation = (_, presented, _, _) => presented?.GetCertHashString() == certificate.GetCertHashString(),
        });

        var result = await channel.SendAsync(Notice("ops@bk.example"), CancellationToken.None);

        Assert.Equal(DeliveryStatus.Success, result.Status);
        Assert.True((await server.MailAsync()).OverTls);
        Assert.True(server.LoggedInOverTls);
        Assert.Equal(2, server.Transcript.Count(l => l.StartsWith("C: EHLO", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Required_starttls_that_the_server_lacks_is_a_failure_not_a_downgrade()
    {
        await using var server = new SmtpTestServer { AuthMechanisms = ["PLAIN"] };

        var result = await Channel(server, o => new SmtpOptions { Host = o.Host, Port = o.Port, From = o.From, UserName = "u", Password = "p", StartTls = true })
            .SendAsync(Notice("ops@bk.example"), CancellationToken.None);

        Assert.Equal(DeliveryStatus.Failure, result.Status);
        Assert.Equal("SMTP STARTTLS is required but the server does not offer it", result.Reason);
        Assert.Null(server.Login);
    }

    [Fact]
    public async Task Untrusted_certificate_is_a_failure()
    {
        using var certificate = SelfSigned();
        await using var server = new SmtpTestServer { TlsCertificate = certificate };

        var result = await Channel(server, o => new SmtpOptions { Host = o.Host, Port = o.Port, From = o.From, StartTls = true })
            .SendAsync(Notice("ops@bk.example"), CancellationToken.None);

        Assert.Equal(DeliveryStatus.Failure, result.Status);
        Assert.StartsWith($"SMTP 127.0.0.1:{server.Port} failed during STARTTLS: ", result.Reason);
    }

    [Fact]
    public async Task Server_that_never_greets_times_out_within_the_session_bound()
    {
        await using var server = new SmtpTestServer { SilentGreeting = true };

        var result = await Channel(server, o => new SmtpOptions { Host = o.Host, Port = o.Port, From = o.From, Timeout = TimeSpan.FromMilliseconds(300) })
            .SendAsync(Notice("ops@bk.example"), CancellationToken.None);

        Assert.Equal(DeliveryStatus.Failure, result.Status);
        Assert.Equal("SMTP timed out after 0.3 s during greeting", result.Reason);
        Assert.InRange(result.Duration, TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Refused_connection_is_a_failure_naming_host_and_port()
    {
        var closed = new TcpListener(IPAddress.Loopback, 0);
        closed.Start();
        var port = ((IPEndPoint)closed.LocalEndpoint).Port;
        closed.Stop();
        var channel = new SmtpMailChannel(new SmtpOptions { Host = "127.0.0.1", Port = port, From = "a@b.c" }, TimeProvider.System);

        var result = await channel.SendAsync(Notice("ops@bk.example"), CancellationToken.None);

        Assert.Equal(DeliveryStatus.Failure, result.Status);
        Assert.StartsWith($"SMTP 127.0.0.1:{port} failed during connect: ", result.Reason);
    }

    [Fact]
    public async Task Refused_sender_is_a_failure_with_the_server_code()
    {
        await using var server = new SmtpTestServer { MailFromReply = "553 5.7.1 sender not allowed" };

        var result = await Channel(server).SendAsync(Notice("ops@bk.example"), CancellationToken.None);

        Assert.Equal(DeliveryStatus.Failure, result.Status);
        Assert.Equal(553, result.StatusCode);
        Assert.Equal("SMTP MAIL FROM refused: 553 5.7.1 sender not allowed", result.Reason);
    }

    [Fact]
    public async Task Html_option_and_extra_headers_are_written()
    {
        await using var server = new SmtpTestServer();
        var notice = Notice("ops@bk.example") with { Headers = new Dictionary<string, string> { ["X-Alert-Level"] = "致命", ["X-Biz"] = "2" } };

        await Channel(server, o => new SmtpOptions { Host = o.Host, Port = o.Port, From = o.From, Html = true }).SendAsync(notice, CancellationToken.None);

        var parsed = MailParser.Parse((await server.MailAsync()).Data);
        Assert.Equal("text/html; charset=utf-8", parsed.Headers["Content-Type"]);
        Assert.Equal("致命", parsed.Decoded("X-Alert-Level"));
        Assert.Equal("2", parsed.Headers["X-Biz"]);
    }

    [Theory]
    [InlineData("Subject", "x", "mail header 'Subject' is set by the mail channel")]
    [InlineData("X-Bad", "a\r\nBcc: evil@x", "mail header 'X-Bad' must not contain line breaks")]
    [InlineData("Bad:Name", "v", "invalid mail header name 'Bad:Name'")]
    public async Task Unsafe_extra_header_is_a_failure_naming_it(string name, string value, string reason)
    {
        var channel = new SmtpMailChannel(new SmtpOptions { Host = "127.0.0.1", Port = 9, From = "a@b.c" }, TimeProvider.System);

        var result = await channel.SendAsync(Notice("ops@bk.example") with { Headers = new Dictionary<string, string> { [name] = value } }, CancellationToken.None);

        Assert.Equal(DeliveryStatus.Failure, result.Status);
        Assert.Equal(reason, result.Reason);
    }

    [Fact]
    public void Idempotency_key_that_is_not_a_dot_atom_becomes_a_stable_message_id_hash()
    {
        Assert.Equal("alert.1-abnormal", MailMessageBuilder.MessageIdPart("alert.1-abnormal"));
        var hashed = MailMessageBuilder.MessageIdPart("alert 1 <abnormal>");
        Assert.Equal("k" + Convert.ToHexStringLower(SHA256.HashData("alert 1 <abnormal>"u8))[..40], hashed);
    }

    [Theory]
    [InlineData("", "From")]
    [InlineData("not an address", "From")]
    public void Bad_sender_option_is_rejected_naming_it(string from, string param)
    {
        var ex = Assert.Throws<ArgumentException>(() => new SmtpMailChannel(new SmtpOptions { Host = "h", From = from }, TimeProvider.System));
        Assert.Equal(param, ex.ParamName);
    }

    private static X509Certificate2 SelfSigned()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var cert = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddHours(1));
        // A PFX round trip gives the server a certificate whose private key SslStream can use on every platform.
        return X509CertificateLoader.LoadPkcs12(cert.Export(X509ContentType.Pfx), null);
    }
}
