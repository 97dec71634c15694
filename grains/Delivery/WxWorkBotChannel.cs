using System.Text;
using System.Text.Json;

namespace BkMonitor.Grains.Delivery;

/// <summary>
/// The "wxwork-bot" way: a markdown message to a WeCom group bot. Receivers are chat ids (bk-monitor's
/// wxwork-bot receivers), sent as "chatid" joined by '|'. A 200 answer with errcode != 0 is a failure.
/// </summary>
public sealed class WxWorkBotChannel(WebhookSender sender, WxWorkBotOptions options) : INotificationChannel
{
    public const string WayName = "wxwork-bot";

    public string Name => WayName;

    public async Task<DeliveryResult> SendAsync(Notification notification, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notification);
        var url = notification.Target ?? options.WebhookUrl;
        if (string.IsNullOrWhiteSpace(url))
        {
            return DeliveryResult.Failed($"channel '{WayName}' has no bot webhook URL");
        }
        var request = new WebhookRequest(url, "POST", Body(notification), "application/json; charset=utf-8", notification.IdempotencyKey)
        {
            Headers = notification.Headers,
        };
        var exchange = await sender.ExchangeAsync(request, cancellationToken);
        if (exchange.Result.Status != DeliveryStatus.Success) return exchange.Result;
        var error = BotError(exchange.ResponseBody.Span);
        return error is null ? exchange.Result : exchange.Result with { Status = DeliveryStatus.Failure, Reason = error };
    }

    private byte[] Body(Notification notification)
    {
        var message = new Dictionary<string, object>
        {
            ["msgtype"] = "markdown",
            ["markdown"] = new Dictionary<string, string> { ["content"] = Truncate(notification.Content, options.MaxContentBytes) },
        };
        if (notification.Receivers.Count > 0)
        {
            message["chatid"] = string.Join('|', notification.Receivers);
        }
        return JsonSerializer.SerializeToUtf8Bytes(message);
    }

    private static string? BotError(ReadOnlySpan<byte> answer)
    {
        try
        {
            var reader = new Utf8JsonReader(answer);
            using var doc = JsonDocument.ParseValue(ref reader);
            if (doc.RootElement.ValueKind == JsonValueKind.Object
                && doc.RootElement.TryGetProperty("errcode", out var code)
                && code.TryGetInt64(out var errcode))
            {
                if (errcode == 0) return null;
                var message = doc.RootElement.TryGetProperty("errmsg", out var m) ? m.ToString() : "";
                return $"{WayName} errcode {errcode}: {message}";
            }
        }
        catch (JsonException)
        {
            // Falls through: an answer that is not the bot API's JSON means the URL is not a bot.
        }
        var text = Encoding.UTF8.GetString(answer[..Math.Min(answer.Length, 200)]);
        return $"{WayName} answer has no errcode: '{text}'";
    }

    /// <summary>Cuts at a character boundary so the bot never sees half a UTF-8 sequence.</summary>
    internal static string Truncate(string content, int maxBytes)
    {
        if (Encoding.UTF8.GetByteCount(content) <= maxBytes) return content;
        var bytes = 0;
        var end = 0;
        foreach (var rune in content.EnumerateRunes())
        {
            if (bytes + rune.Utf8SequenceLength > maxBytes) break;
            bytes += rune.Utf8SequenceLength;
            end += rune.Utf16SequenceLength;
        }
        return content[..end];
    }
}
