using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace BkMonitor.Grains.Actions;

/// <summary>
/// The key that identifies one delivery — (alert, signal, repeat round, action config, way,
/// receiver) — across retries and restarts; sent as the <c>Idempotency-Key</c> HTTP header and
/// used as the send-log key, so a redelivered message never sends twice. ASCII only, since
/// receivers may be non-ASCII user names.
/// </summary>
internal static class IdempotencyKey
{
    public const string HeaderName = "Idempotency-Key";

    public static string For(string alertId, string signal, int round, int actionConfigId, string way, string receiver)
    {
        // Length-prefixed fields: no choice of separator inside a field can make two tuples collide.
        var sb = new StringBuilder();
        Append(sb, alertId);
        Append(sb, signal);
        Append(sb, round.ToString(CultureInfo.InvariantCulture));
        Append(sb, actionConfigId.ToString(CultureInfo.InvariantCulture));
        Append(sb, way);
        Append(sb, receiver);
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(sb.ToString()));
        return "bkm1-" + Convert.ToHexStringLower(hash.AsSpan(0, 16));
    }

    /// <summary>A webhook delivery: the way is the plugin type, the receiver the target URL.</summary>
    public static string ForWebhook(string alertId, string signal, int round, int actionConfigId, string url) =>
        For(alertId, signal, round, actionConfigId, "webhook", url);

    private static void Append(StringBuilder sb, string field) =>
        sb.Append(field.Length.ToString(CultureInfo.InvariantCulture)).Append(':').Append(field).Append('\n');
}
