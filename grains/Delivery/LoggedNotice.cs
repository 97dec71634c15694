namespace BkMonitor.Grains.Delivery;

/// <summary>A notice the log channel wrote, as the dashboard shows it.</summary>
public sealed record LoggedNotice(DateTimeOffset Time, string IdempotencyKey, IReadOnlyList<string> Receivers, string Title, string Content);
