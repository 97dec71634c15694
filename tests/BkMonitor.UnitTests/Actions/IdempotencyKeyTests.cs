using BkMonitor.Grains.Actions;

namespace BkMonitor.UnitTests.Actions;

// Expected keys computed with python3: "bkm1-" + sha256("".join(f"{len(f)}:{f}\n" ...))[:32].
public sealed class IdempotencyKeyTests
{
    [Fact]
    public void Key_is_stable_across_calls_and_processes()
    {
        Assert.Equal("bkm1-8db970d44e4de350fcd64e8e9af16225", IdempotencyKey.For("1700000000123", "abnormal", 0, 7, "mail", "alice"));
        Assert.Equal("bkm1-3415661f31175f3b07fe6a220457a389", IdempotencyKey.For("1700000000123", "abnormal", 0, 7, "wxwork-bot", "张三"));
    }

    [Fact]
    public void Each_repeat_round_gets_its_own_key()
        => Assert.Equal("bkm1-0fd2ec211dd5616c2c6b2030a0f9e32f", IdempotencyKey.For("1700000000123", "abnormal", 1, 7, "mail", "alice"));

    [Fact]
    public void Webhook_key_uses_the_url_as_receiver()
        => Assert.Equal(IdempotencyKey.For("1", "abnormal", 0, 7, "webhook", "https://h/x"), IdempotencyKey.ForWebhook("1", "abnormal", 0, 7, "https://h/x"));

    [Fact]
    public void Fields_cannot_bleed_into_each_other()
        => Assert.NotEqual(IdempotencyKey.For("1", "abnormal", 0, 7, "mail", "a_b"), IdempotencyKey.For("1", "abnormal", 0, 7, "mail_a", "b"));

    [Fact]
    public void Key_is_a_valid_ascii_header_value()
    {
        var key = IdempotencyKey.For("1", "abnormal", 0, 7, "mail", "用户");
        Assert.All(key, c => Assert.InRange(c, '!', '~'));
    }
}
