using System.Diagnostics;
using System.Threading.Channels;
using BkMonitor.GrainInterfaces.Alerts;
using BkMonitor.Runtime.Hosting;
using Microsoft.Extensions.Logging;

namespace BkMonitor.Grains.Alerts;

/// <summary>
/// Feeds the alert index from the alert grains without putting the store on the alert path: a grain enqueues its
/// snapshot and goes on; one background loop drains the queue in batches, keeps the highest version per alert
/// (several transitions of one alert cost one row write) and writes each batch in one transaction.
/// <para>
/// Promptness: the loop starts a batch as soon as a snapshot is queued (no timer), so an idle silo indexes a
/// transition within one store round trip; under load a snapshot waits behind at most
/// <see cref="AlertIndexWriterOptions.QueueCapacity"/> others. Reads through <see cref="SearchAsync"/> and
/// <see cref="GetAsync"/> first wait (up to <see cref="AlertIndexWriterOptions.ReadFlushTimeout"/>) for what this
/// silo queued before them, so on one silo a search sees every transition that finished before it. A full queue
/// makes <see cref="UpsertAsync"/> wait: back-pressure instead of unbounded memory. The queue is drained when the
/// silo stops (after the activations, which may still write).
/// </para>
/// </summary>
public sealed class AlertIndexWriter : ISiloLifecycleParticipant, IDisposable
{
    private readonly IAlertIndex _index;
    private readonly AlertIndexWriterOptions _options;
    private readonly AlertIndexInstruments _instruments;
    private readonly ILogger _logger;
    private readonly Channel<Entry> _queue;
    private readonly CancellationTokenSource _abandon = new();
    private Task? _loop;
    private long _written;
    private long _dropped;
    private volatile bool _lastBatchFailed;

    public AlertIndexWriter(IAlertIndex index, AlertIndexWriterOptions options, ILogger<AlertIndexWriter> logger, System.Diagnostics.Metrics.IMeterFactory? meterFactory = null)
    {
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _index = index;
        _options = options;
        _logger = logger;
        _queue = Channel.CreateBounded<Entry>(new BoundedChannelOptions(options.QueueCapacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = true,
        });
        _instruments = new AlertIndexInstruments(() => _queue.Reader.Count, meterFactory);
    }

    /// <summary>The store behind the writer.</summary>
    public IAlertIndex Index => _index;

    /// <summary>Snapshots (and flush marks) waiting for the loop.</summary>
    public int QueueDepth => _queue.Reader.Count;

    public int QueueCapacity => _options.QueueCapacity;

    /// <summary>Rows written and rows given up since the silo started.</summary>
    public (long Written, long Dropped) Totals => (Interlocked.Read(ref _written), Interlocked.Read(ref _dropped));

    /// <summary>The last batch's attempt failed (the store is down or refusing writes).</summary>
    public bool LastBatchFailed => _lastBatchFailed;

    // Before the activations start, after they stop (they index on every transition).
    public int Stage => SiloStages.Storage;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await _index.InitAsync(cancellationToken);
        _loop ??= Task.Run(RunAsync, CancellationToken.None);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _queue.Writer.TryComplete();
        if (_loop is null) return;
        try
        {
            await _loop.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            AlertIndexLog.StopTimedOut(_logger, _queue.Reader.Count);
            await _abandon.CancelAsync();
        }
    }

    /// <summary>Queues <paramref name="alert"/> for the index; waits only while the queue is full.</summary>
    public async ValueTask UpsertAsync(AlertSnapshot alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        try
        {
            await _queue.Writer.WriteAsync(new Entry(alert, null));
        }
        catch (ChannelClosedException)
        {
            AlertIndexLog.WriterStopped(_logger, alert.Id);
        }
    }

    /// <summary>Completes once everything queued before the call is written (or given up); immediately when the loop is not running.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken = default)
    {
        if (_loop is null || _loop.IsCompleted) return;
        var flushed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        try
        {
            await _queue.Writer.WriteAsync(new Entry(null, flushed), cancellationToken);
        }
        catch (ChannelClosedException)
        {
            return;
        }
        await flushed.Task.WaitAsync(cancellationToken);
    }

    public async Task<AlertPage> SearchAsync(AlertQuery query, CancellationToken cancellationToken = default)
    {
        await FlushForReadAsync(cancellationToken);
        return await _index.SearchAsync(query, cancellationToken);
    }

    public async Task<AlertSnapshot?> GetAsync(string alertId, CancellationToken cancellationToken = default)
    {
        await FlushForReadAsync(cancellationToken);
        return await _index.GetAsync(alertId, cancellationToken);
    }

    public void Dispose()
    {
        _queue.Writer.TryComplete();
        _abandon.Cancel();
        _instruments.Dispose();
    }

    // A store that is down must not hang reads: past the timeout they see what is stored.
    private async Task FlushForReadAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.ReadFlushTimeout);
        try
        {
            await FlushAsync(timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
        }
    }

    private async Task RunAsync()
    {
        var reader = _queue.Reader;
        var batch = new Dictionary<string, AlertSnapshot>(StringComparer.Ordinal);
        var flushed = new List<TaskCompletionSource>();
        while (await reader.WaitToReadAsync())
        {
            while (batch.Count < _options.MaxBatchSize && reader.TryRead(out var entry))
            {
                if (entry.Flushed is { } mark) flushed.Add(mark);
                else if (!batch.TryGetValue(entry.Alert!.Id, out var queued) || entry.Alert.Version >= queued.Version) batch[entry.Alert.Id] = entry.Alert;
            }
            if (batch.Count > 0) await WriteAsync(batch.Values);
            foreach (var mark in flushed) mark.TrySetResult();
            batch.Clear();
            flushed.Clear();
        }
    }

    private async Task WriteAsync(IReadOnlyCollection<AlertSnapshot> alerts)
    {
        var delay = _options.RetryDelay;
        for (var attempt = 1; ; attempt++)
        {
            var started = Stopwatch.GetTimestamp();
            try
            {
                await _index.UpsertAsync(alerts, _abandon.Token);
                _instruments.Written(alerts.Count, Stopwatch.GetElapsedTime(started));
                Interlocked.Add(ref _written, alerts.Count);
                _lastBatchFailed = false;
                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !_abandon.IsCancellationRequested)
            {
                _instruments.Failed();
                _lastBatchFailed = true;
                AlertIndexLog.WriteFailed(_logger, ex, alerts.Count, attempt, _options.MaxAttempts);
                if (attempt >= _options.MaxAttempts) break;
            }
            catch (OperationCanceledException)
            {
                break;
            }
            try
            {
                await Task.Delay(delay, _abandon.Token);
            }
            catch (OperationCanceledException)
            {
                break;
            }
            delay *= 2;
        }
        _instruments.Dropped(alerts.Count);
        Interlocked.Add(ref _dropped, alerts.Count);
        AlertIndexLog.Dropped(_logger, alerts.Count, _options.MaxAttempts);
    }

    /// <summary>A snapshot to write, or a flush mark completed once everything before it is written.</summary>
    private readonly record struct Entry(AlertSnapshot? Alert, TaskCompletionSource? Flushed);
}
