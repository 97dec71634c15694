using System.Text.Json.Serialization;

namespace BkMonitor.GrainInterfaces.Alerts;

/// <summary>What an ack or close did: done (with the alert after it), no such alert, or not applicable to its state.</summary>
public sealed record AlertCommandResult(
    [property: JsonPropertyName("outcome")] AlertCommandOutcome Outcome,
    [property: JsonPropertyName("message")] string Message,
    [property: JsonPropertyName("alert")] AlertSnapshot? Alert)
{
    public static AlertCommandResult NotFound(string alertId) => new(AlertCommandOutcome.NotFound, $"Alert {alertId} does not exist.", null);
}

public enum AlertCommandOutcome
{
    Done,
    NotFound,
    Conflict,
}
