using System.Globalization;
using BkMonitor.Runtime.Redis.Connections;
using StackExchange.Redis;

namespace BkMonitor.Runtime.Redis.Membership;

/// <summary>
/// The membership table of one (service id, cluster id) in one Redis hash at
/// <c>{app_code}.{platform}[.{env}].cluster.membership.{serviceId}.{clusterId}</c>. Inserts and updates
/// run in Lua and check the table version (and the row ETag); heartbeats touch only their own field.
/// </summary>
public sealed class RedisMembershipTable : IMembershipTable
{
    private readonly RedisRetryPolicy _retry;
    private readonly string _node;

    internal RedisMembershipTable(RedisMembershipOptions options, RedisRetryPolicy retry)
    {
        _retry = retry;
        _node = options.Node.Name;
        Key = $"{options.KeyPrefix}.cluster.membership.{options.ServiceId}.{options.ClusterId}";
    }

    public string Key { get; }

    public Task InitAsync(CancellationToken cancellationToken)
        => _retry.ExecuteAsync(_node, "membership init", (db, _) => db.HashSetAsync(Key, "version", "0", When.NotExists));

    public async Task<MembershipTableSnapshot> ReadAllAsync()
    {
        var fields = await _retry.ExecuteAsync(_node, "membership read", (db, _) => db.HashGetAllAsync(Key));
        var rows = new Dictionary<string, (string? Json, string? ETag, string? Alive)>(StringComparer.Ordinal);
        var version = 0;
        foreach (var field in fields)
        {
            var name = (string)field.Name!;
            var colon = name.IndexOf(':');
            if (colon < 0)
            {
                if (name == "version") version = int.Parse((string)field.Value!, CultureInfo.InvariantCulture);
                continue;
            }
            var silo = name[(colon + 1)..];
            var row = rows.GetValueOrDefault(silo);
            switch (name[..colon])
            {
                case "row": row.Json = field.Value; break;
                case "etag": row.ETag = field.Value; break;
                case "alive": row.Alive = field.Value; break;
            }
            rows[silo] = row;
        }
        var entries = new List<(MembershipEntry, string)>(rows.Count);
        foreach (var (json, etag, alive) in rows.Values)
        {
            if (json is null || etag is null) continue;
            entries.Add((MembershipRow.FromJson(json, MembershipRow.ParseAlive(alive)), etag));
        }
        return new MembershipTableSnapshot(entries, new TableVersion(version, version.ToString(CultureInfo.InvariantCulture)));
    }

    public async Task<bool> InsertRowAsync(MembershipEntry entry, TableVersion version)
    {
        RedisValue[] args =
        [
            Previous(version), Current(version), entry.Silo.ToString(), MembershipRow.ToJson(entry),
            NewETag(), MembershipRow.AliveField(entry.IAmAliveTime),
        ];
        var reply = await _retry.ExecuteAsync(_node, "membership insert", (db, _) => RedisMembershipScripts.Insert.EvaluateAsync(db, [Key], args));
        return (long)reply == 1;
    }

    public async Task<bool> UpdateRowAsync(MembershipEntry entry, string etag, TableVersion version)
    {
        RedisValue[] args =
        [
            Previous(version), Current(version), entry.Silo.ToString(), MembershipRow.ToJson(entry),
            etag, NewETag(), MembershipRow.AliveField(entry.IAmAliveTime),
        ];
        var reply = await _retry.ExecuteAsync(_node, "membership update", (db, _) => RedisMembershipScripts.Update.EvaluateAsync(db, [Key], args));
        return (long)reply == 1;
    }

    public Task UpdateIAmAliveAsync(SiloAddress silo, DateTime iAmAliveTime)
    {
        RedisValue[] args = [silo.ToString(), MembershipRow.AliveField(iAmAliveTime)];
        return _retry.ExecuteAsync(_node, "membership heartbeat", (db, _) => RedisMembershipScripts.IAmAlive.EvaluateAsync(db, [Key], args));
    }

    public async Task CleanupDefunctEntriesAsync(DateTime before)
    {
        var snapshot = await ReadAllAsync();
        var args = new List<RedisValue>();
        foreach (var (entry, etag) in snapshot.Entries)
        {
            if (entry.Status == SiloStatus.Dead && entry.IAmAliveTime < MembershipRow.Utc(before))
            {
                args.Add(entry.Silo.ToString());
                args.Add(etag);
            }
        }
        if (args.Count == 0) return;
        await _retry.ExecuteAsync(_node, "membership cleanup", (db, _) => RedisMembershipScripts.Remove.EvaluateAsync(db, [Key], [.. args]));
    }

    private static RedisValue Previous(TableVersion version) => (version.Version - 1).ToString(CultureInfo.InvariantCulture);

    private static RedisValue Current(TableVersion version) => version.Version.ToString(CultureInfo.InvariantCulture);

    private static string NewETag() => Guid.NewGuid().ToString("N");
}
