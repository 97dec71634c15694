using System.Text.Json.Serialization;
using BkMonitor.Runtime;
using BkMonitor.Runtime.Transport;

namespace BkMonitor.UnitTests.Transport;

/// <summary>
/// The "grain" behind the test transports. Deliberately not an IGrain, so the code generator (when merged)
/// leaves it alone; its requests are the hand-written <see cref="EchoRequest{TResult}"/>.
/// </summary>
internal interface IEchoService
{
    ValueTask<EchoResult> Echo(int number, string? text, long big, byte[] blob, DateTimeOffset at, Guid id, DayOfWeek day, int? maybe, EchoPayload payload, List<string> tags);

    ValueTask<long> Double(long value);

    ValueTask Fail(string kind, string message);

    ValueTask<int> Hang();

    ValueTask Notify(string text);

    ValueTask<int> Store(byte[] blob);
}

internal sealed record EchoPayload([property: JsonPropertyName("strategy_id")] int StrategyId, [property: JsonPropertyName("labels")] Dictionary<string, string> Labels);

internal sealed record EchoResult(int Number, string? Text, long Big, byte[] Blob, DateTimeOffset At, Guid Id, DayOfWeek Day, int? Maybe, EchoPayload Payload, List<string> Tags);

internal sealed class AlarmRuleException(string message) : Exception(message);

/// <summary>Behaviour of the test grain; the hooks let a test hold requests or watch one-way calls arrive.</summary>
internal sealed class EchoService : IEchoService
{
    public TaskCompletionSource HangEntered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TaskCompletionSource<string> Notified { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Store requests wait for this gate (completed by default).</summary>
    public Task StoreGate { get; set; } = Task.CompletedTask;

    public ValueTask<EchoResult> Echo(int number, string? text, long big, byte[] blob, DateTimeOffset at, Guid id, DayOfWeek day, int? maybe, EchoPayload payload, List<string> tags)
        => ValueTask.FromResult(new EchoResult(number, text, big, blob, at, id, day, maybe, payload, tags));

    public async ValueTask<long> Double(long value)
    {
        // Answer out of order, so correlation (not arrival order) must pair responses with requests.
        await Task.Yield();
        return value * 2;
    }

    public ValueTask Fail(string kind, string message) => kind switch
    {
        "argument" => throw new ArgumentException(message, "threshold"),
        "conflict" => throw new InconsistentStateException(message, "etag-1", "etag-2"),
        _ => throw new AlarmRuleException(message),
    };

    public async ValueTask<int> Hang()
    {
        HangEntered.TrySetResult();
        await new TaskCompletionSource().Task;
        return 0;
    }

    public ValueTask Notify(string text)
    {
        Notified.TrySetResult(text);
        return ValueTask.CompletedTask;
    }

    public async ValueTask<int> Store(byte[] blob)
    {
        await StoreGate;
        return blob.Length;
    }
}

/// <summary>Turns an envelope into a call on an <see cref="IEchoService"/> and the outcome into a response, as the core's dispatcher will.</summary>
internal sealed class EchoHandler(IEchoService service) : IInboundMessageHandler
{
    public async ValueTask<ResponseEnvelope> HandleAsync(SiloAddress sender, RequestEnvelope request)
    {
        var decoded = GrainRequestCodec.Default.DecodeRequest(request);
        return await ((IEchoInvocable)decoded).InvokeAndEncodeAsync(service);
    }
}
