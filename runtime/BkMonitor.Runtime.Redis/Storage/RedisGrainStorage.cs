using System.Text.Json;
using BkMonitor.Runtime.Redis.Connections;
using StackExchange.Redis;

namespace BkMonitor.Runtime.Redis.Storage;

/// <summary>
/// Grain storage on Redis. Each state is a hash <c>{etag, data}</c> at
/// <c>{app_code}.{platform}[.{env}].grain.state.{grainType}.{stateName}.{grainKey}</c> (e.g.
/// <c>bk_monitor.ee.grain.state.strategy.window.1001</c>) on the node the strategy id routes to.
/// Writes and clears are compare-and-set in Lua; ETags are random, so a clear followed by a re-create
/// never hands a stale writer back its old ETag.
/// </summary>
public sealed class RedisGrainStorage : IGrainStorage
{
    private readonly RedisStorageOptions _options;
    private readonly RedisRetryPolicy _retry;
    private readonly RedisNodeSelector _selector;
    private readonly IGrainStateSerializer? _serializer;

    internal RedisGrainStorage(string name, RedisStorageOptions options, RedisRetryPolicy retry, IGrainStateSerializer? serializer)
    {
        Name = name;
        _options = options;
        _retry = retry;
        _selector = new RedisNodeSelector(options);
        _serializer = serializer;
    }

    public string Name { get; }

    public RedisNodeSelector Selector => _selector;

    public string KeyOf(string stateName, GrainId grainId)
        => $"{_options.KeyPrefix}.grain.state.{grainId.Type}.{stateName}.{grainId.Key}";

    public async Task ReadStateAsync<TState>(string stateName, GrainId grainId, IGrainState<TState> grainState)
    {
        var key = KeyOf(stateName, grainId);
        var values = await _retry.ExecuteAsync(_selector.NodeFor(grainId), "read", (db, _) => db.HashGetAsync(key, [(RedisValue)"etag", (RedisValue)"data"]));
        if (values[0].IsNull)
        {
            grainState.ETag = null;
            grainState.RecordExists = false;
            return;
        }
        grainState.State = Deserialize<TState>((byte[])values[1]!);
        grainState.ETag = values[0];
        grainState.RecordExists = true;
    }

    public async Task WriteStateAsync<TState>(string stateName, GrainId grainId, IGrainState<TState> grainState)
    {
        var key = KeyOf(stateName, grainId);
        var expected = grainState.ETag ?? "";
        var etag = Guid.NewGuid().ToString("N");
        var data = Serialize(grainState.State);
        var ttl = _options.StateTtl.TryGetValue(stateName, out var t) ? (long)t.TotalMilliseconds : 0;
        var reply = await _retry.ExecuteAsync(_selector.NodeFor(grainId), "write", (db, _) =>
            RedisStateScripts.Write.EvaluateAsync(db, [key], [expected, etag, data, ttl]));
        ThrowOnMismatch(reply, "write", key, grainState.ETag);
        grainState.ETag = etag;
        grainState.RecordExists = true;
    }

    public async Task ClearStateAsync<TState>(string stateName, GrainId grainId, IGrainState<TState> grainState)
    {
        var key = KeyOf(stateName, grainId);
        var expected = grainState.ETag ?? "";
        var reply = await _retry.ExecuteAsync(_selector.NodeFor(grainId), "clear", (db, attempt) =>
            RedisStateScripts.Clear.EvaluateAsync(db, [key], [expected, attempt > 1 ? "1" : "0"]));
        ThrowOnMismatch(reply, "clear", key, grainState.ETag);
        grainState.ETag = null;
        grainState.RecordExists = false;
    }

    private static void ThrowOnMismatch(RedisResult reply, string operation, string key, string? expected)
    {
        var parts = (RedisResult[])reply;
        if ((long)parts[0] == 1) return;
        var stored = (string?)parts[1];
        var current = string.IsNullOrEmpty(stored) ? null : stored;
        throw new InconsistentStateException(
            $"Redis {operation} of {key} refused: stored ETag is {current ?? "(none)"}, the activation holds {expected ?? "(none)"}.",
            current, expected);
    }

    private byte[] Serialize<TState>(TState state)
        => _serializer is not null ? _serializer.Serialize(state) : JsonSerializer.SerializeToUtf8Bytes(state);

    private TState Deserialize<TState>(byte[] data)
        => _serializer is not null ? _serializer.Deserialize<TState>(data) : JsonSerializer.Deserialize<TState>(data)!;
}
