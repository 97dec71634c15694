using System.Text;
using System.Text.Json;
using BkMonitor.Grains.Delivery;
using Microsoft.Extensions.Logging;

namespace BkMonitor.IntegrationTests.Delivery;

/// <summary>The wxwork-bot, webhook and log channels and the registry that picks them by notice way.</summary>
public sealed class ChannelTests : IDisposable
{
    private readonly HttpClient _http = WebhookSender.CreateHttpClient();

    private WebhookSender Sender() =>
        new(_http, new WebhookSenderOptions { BaseDelay = TimeSpan.FromMilliseconds(10), MaxDelay = TimeSpan.FromMilliseconds(20) }, TimeProvider.System);

    private static Notification Notice(params string[] receivers) =>
        new("alert-9:abnormal:1", receivers, "CPU 告警", "**CPU 使用率** 95%\n> ip: 10.0.0.1");

    public void Dispose() => _http.Dispose();

    [Fact]
    public async Task Wxwork_bot_posts_markdown_with_chat_ids_and_accepts_errcode_zero()
    {
        await using var bot = new HttpTestReceiver((_, _) => new ReceiverReply(200, """{"errcode":0,"errmsg":"ok"}"""));
        var channel = new WxWorkBotChannel(Sender(), new WxWorkBotOptions { WebhookUrl = bot.Url("/cgi-bin/webhook/send?key=k1") });

        var result = await channel.SendAsync(Notice("chat-a", "chat-b"), CancellationToken.None);

        Assert.Equal(DeliveryStatus.Success, result.Status);
        var request = Assert.Single(bot.Requests);
        Assert.Equal("/cgi-bin/webhook/send?key=k1", request.Target);
        Assert.Equal("alert-9:abnormal:1", request.Header("Idempotency-Key"));
        using var body = JsonDocument.Parse(request.Body);
        Assert.Equal("markdown", body.RootElement.GetProperty("msgtype").GetString());
        Assert.Equal("**CPU 使用率** 95%\n> ip: 10.0.0.1", body.RootElement.GetProperty("markdown").GetProperty("content").GetString());
        Assert.Equal("chat-a|chat-b", body.RootElement.GetProperty("chatid").GetString());
    }

    [Fact]
    public async Task Wxwork_bot_errcode_is_a_failure_with_errmsg_and_is_not_retried()
    {
        await using var bot = new HttpTestReceiver((_, _) => new ReceiverReply(200, """{"errcode":93000,"errmsg":"invalid webhook url"}"""));
        var channel = new WxWorkBotChannel(Sender(), new WxWorkBotOptions { WebhookUrl = bot.Url() });

        var result = await channel.SendAsync(Notice(), CancellationToken.None);

        Assert.Equal(DeliveryStatus.Failure, result.Status);
        Assert.Equal(200, result.StatusCode);
        Assert.Equal("wxwork-bot errcode 93000: invalid webhook url", result.Reason);
        Assert.Single(bot.Requests);
        using var body = JsonDocument.Parse(bot.Requests[0].Body);
        Assert.False(body.RootElement.TryGetProperty("chatid", out _));
    }

    [Fact]
    public async Task Wxwork_bot_answer_without_errcode_is_a_failure()
    {
        await using var bot = new HttpTestReceiver((_, _) => new ReceiverReply(200, "<html>login</html>"));
        var channel = new WxWorkBotChannel(Sender(), new WxWorkBotOptions { WebhookUrl = bot.Url() });

        var result = await channel.SendAsync(Notice(), CancellationToken.None);

        Assert.Equal("wxwork-bot answer has no errcode: '<html>login</html>'", result.Reason);
    }

    [Fact]
    public async Task Wxwork_bot_user_group_target_overrides_the_configured_url_and_http_errors_pass_through()
    {
        await using var configured = new HttpTestReceiver((_, _) => new ReceiverReply(200, """{"errcode":0}"""));
        await using var own = new HttpTestReceiver((_, _) => new ReceiverReply(502, "bad gateway"));
        var channel = new WxWorkBotChannel(Sender(), new WxWorkBotOptions { WebhookUrl = configured.Url() });

        var result = await channel.SendAsync(Notice() with { Target = own.Url() }, CancellationToken.None);

        Assert.Equal("HTTP 502 after 3 attempts: bad gateway", result.Reason);
        Assert.Empty(configured.Requests);
    }

    [Fact]
    public async Task Wxwork_bot_content_over_the_limit_is_cut_on_a_character_boundary()
    {
        await using var bot = new HttpTestReceiver((_, _) => new ReceiverReply(200, """{"errcode":0}"""));
        var channel = new WxWorkBotChannel(Sender(), new WxWorkBotOptions { WebhookUrl = bot.Url(), MaxContentBytes = 10 });

        await channel.SendAsync(Notice() with { Content = "ab告警告警" }, CancellationToken.None);

        using var body = JsonDocument.Parse(bot.Requests[0].Body);
        // "ab" (2 bytes) + two 3-byte characters = 8; a third would make 11 > 10.
        Assert.Equal("ab告警", body.RootElement.GetProperty("markdown").GetProperty("content").GetString());
    }

    [Fact]
    public async Task Wxwork_bot_without_url_is_a_failure()
    {
        var result = await new WxWorkBotChannel(Sender(), new WxWorkBotOptions()).SendAsync(Notice(), CancellationToken.None);

        Assert.Equal("channel 'wxwork-bot' has no bot webhook URL", result.Reason);
    }

    [Fact]
    public async Task Webhook_channel_sends_the_payload_as_is_with_merged_headers()
    {
        await using var receiver = new HttpTestReceiver((_, _) => new ReceiverReply(200));
        var channel = new WebhookChannel(Sender(), new WebhookChannelOptions
        {
            Url = receiver.Url("/am"),
            Headers = new Dictionary<string, string> { ["X-Source"] = "config", ["X-Keep"] = "1" },
        });
        var payload = Encoding.UTF8.GetBytes("""{"version":"4","status":"firing"}""");
        var notice = Notice() with
        {
            Payload = new NotificationPayload(payload, "application/json"),
            Headers = new Dictionary<string, string> { ["x-source"] = "action" },
        };

        var result = await channel.SendAsync(notice, CancellationToken.None);

        Assert.Equal(DeliveryStatus.Success, result.Status);
        var request = Assert.Single(receiver.Requests);
        Assert.Equal(payload, request.Body);
        Assert.Equal("action", request.Header("X-Source"));
        Assert.Equal("1", request.Header("X-Keep"));
    }

    [Fact]
    public async Task Webhook_channel_without_payload_sends_title_content_and_receivers_as_json()
    {
        await using var receiver = new HttpTestReceiver((_, _) => new ReceiverReply(200));
        var channel = new WebhookChannel(Sender(), new WebhookChannelOptions());

        await channel.SendAsync(Notice("admin") with { Target = receiver.Url() }, CancellationToken.None);

        using var body = JsonDocument.Parse(receiver.Requests[0].Body);
        Assert.Equal("CPU 告警", body.RootElement.GetProperty("title").GetString());
        Assert.Equal("admin", body.RootElement.GetProperty("receivers")[0].GetString());
        Assert.StartsWith("application/json", receiver.Requests[0].Header("Content-Type"));
    }

    [Fact]
    public async Task Webhook_channel_without_any_url_is_a_failure()
    {
        var result = await new WebhookChannel(Sender(), new WebhookChannelOptions()).SendAsync(Notice(), CancellationToken.None);

        Assert.Equal("channel 'webhook' has no target URL", result.Reason);
    }

    [Theory]
    [InlineData("sms")]
    [InlineData("voice")]
    [InlineData("weixin")]
    [InlineData("qy_weixin")]
    [InlineData("mail")]
    public async Task Unconfigured_way_is_reported_as_a_failure_not_thrown(string way)
    {
        var registry = new ChannelRegistry([new LogChannel(new RecordingLogger(), TimeProvider.System)]);

        var result = await registry.SendAsync(way, Notice("admin"), CancellationToken.None);

        Assert.False(registry.IsConfigured(way));
        Assert.Equal(DeliveryStatus.Failure, result.Status);
        Assert.Equal(0, result.Attempts);
        Assert.Equal($"channel '{way}' is not configured", result.Reason);
    }

    [Fact]
    public async Task Registry_resolves_a_configured_way_case_insensitively()
    {
        var log = new LogChannel(new RecordingLogger(), TimeProvider.System);
        var registry = new ChannelRegistry([log]);

        var result = await registry.SendAsync("LOG", Notice("admin"), CancellationToken.None);

        Assert.Equal(DeliveryStatus.Success, result.Status);
        Assert.Same(log, registry.Resolve("log"));
    }

    [Fact]
    public void Registry_refuses_two_channels_for_one_way()
    {
        var ex = Assert.Throws<ArgumentException>(() => new ChannelRegistry(
            [new LogChannel(new RecordingLogger(), TimeProvider.System), new LogChannel(new RecordingLogger(), TimeProvider.System)]));
        Assert.Contains("'log'", ex.Message);
    }

    [Fact]
    public async Task Log_channel_logs_the_notice_and_keeps_only_the_last_n()
    {
        var logger = new RecordingLogger();
        var log = new LogChannel(logger, new FixedClock(DateTimeOffset.UnixEpoch), keep: 2);

        foreach (var i in new[] { 1, 2, 3 })
        {
            await log.SendAsync(Notice("admin") with { IdempotencyKey = $"k{i}" }, CancellationToken.None);
        }

        Assert.Equal(["k2", "k3"], log.Recent().Select(n => n.IdempotencyKey));
        Assert.Equal(3, logger.Messages.Count);
        Assert.Equal("Notice k3 to [admin]: CPU 告警\n**CPU 使用率** 95%\n> ip: 10.0.0.1", logger.Messages[2]);
    }

    private sealed class RecordingLogger : ILogger<LogChannel>
    {
        public List<string> Messages { get; } = [];

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Messages.Add(formatter(state, exception));
    }
}
