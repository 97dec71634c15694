namespace BkMonitor.GrainInterfaces.Actions;

/// <summary>Notice ways (ALARM-SPEC §8), plus <c>log</c>: the channel of the embedded default that needs no configuration.</summary>
public static class NoticeWay
{
    public const string Sms = "sms";
    public const string Mail = "mail";
    public const string Weixin = "weixin";
    public const string QyWeixin = "qy_weixin";
    public const string Voice = "voice";
    public const string WxworkBot = "wxwork-bot";
    public const string Log = "log";

    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal)
    {
        Sms, Mail, Weixin, QyWeixin, Voice, WxworkBot, Log,
    };
}
