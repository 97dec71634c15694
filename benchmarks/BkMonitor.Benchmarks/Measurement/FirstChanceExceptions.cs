using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;

namespace BkMonitor.Benchmarks.Measurement;

/// <summary>Counts the exceptions thrown in the process while it is active, by type and first line of message: a hot path should throw none.</summary>
public sealed class FirstChanceExceptions : IDisposable
{
    private readonly ConcurrentDictionary<string, int> _counts = new(StringComparer.Ordinal);

    public FirstChanceExceptions() => AppDomain.CurrentDomain.FirstChanceException += OnThrown;

    public string Summary(int top = 5) => _counts.IsEmpty
        ? "none"
        : string.Join("; ", _counts.OrderByDescending(c => c.Value).Take(top).Select(c => $"{c.Value}× {c.Key}"));

    public void Dispose() => AppDomain.CurrentDomain.FirstChanceException -= OnThrown;

    private void OnThrown(object? sender, FirstChanceExceptionEventArgs e)
    {
        var message = e.Exception.Message;
        var line = message.IndexOf('\n', StringComparison.Ordinal) is var end and >= 0 ? message[..end] : message;
        _counts.AddOrUpdate($"{e.Exception.GetType().Name}: {(line.Length > 120 ? line[..120] : line)}", 1, static (_, n) => n + 1);
    }
}
