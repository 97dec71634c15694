namespace BkMonitor.Grains.Delivery;

/// <summary>One way of delivering a notice (mail, wxwork-bot, webhook, log …); never throws for delivery failures.</summary>
public interface INotificationChannel
{
    /// <summary>The notice way this channel serves, as in bk-monitor's notice_way names.</summary>
    string Name { get; }

    /// <summary>Delivers the notification; failures come back as a <see cref="DeliveryResult"/>, only cancellation throws.</summary>
    Task<DeliveryResult> SendAsync(Notification notification, CancellationToken cancellationToken);
}
