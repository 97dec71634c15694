using System.Text;
using System.Text.Json;
using BkMonitor.GrainInterfaces.Alerts;
using BkMonitor.Grains.Alerts;

namespace BkMonitor.Silo.Alerts;

/// <summary>
/// The SQL the SQLite and PostgreSQL alert indexes share: the row's columns, the version-guarded upsert, the
/// filters of <see cref="AlertQuery"/> and the newest-first order. Parameters are <c>@name</c>, which both drivers take.
/// </summary>
internal static class AlertIndexSql
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Newest first: the id's creation second, then its sequence (ids are <c>"{ts:0>10}{seq}"</c>).</summary>
    public const string NewestFirst = "id_time DESC, id_seq DESC, id DESC";

    /// <summary>The filter columns, each indexed together with the sort order (see the stores' schemas).</summary>
    public static string IndexDdl(string table, string prefix) => $"""
        CREATE INDEX IF NOT EXISTS {prefix}_order ON {table} (id_time DESC, id_seq DESC);
        CREATE INDEX IF NOT EXISTS {prefix}_biz ON {table} (bk_biz_id, id_time DESC, id_seq DESC);
        CREATE INDEX IF NOT EXISTS {prefix}_strategy ON {table} (strategy_id, id_time DESC, id_seq DESC);
        CREATE INDEX IF NOT EXISTS {prefix}_status ON {table} (status, id_time DESC, id_seq DESC);
        CREATE INDEX IF NOT EXISTS {prefix}_begin ON {table} (begin_time);
        CREATE INDEX IF NOT EXISTS {prefix}_end ON {table} (end_time);
        """;

    /// <summary>
    /// Inserts the row or replaces it when the incoming version is newer; <paramref name="target"/> names the
    /// existing row (the table's unqualified name). <paramref name="snapshot"/> is the JSON parameter's SQL (a cast in PostgreSQL).
    /// </summary>
    public static string Upsert(string table, string target, string snapshot = "@snapshot") => $"""
        INSERT INTO {table} (id, dedupe_md5, bk_biz_id, strategy_id, status, severity, begin_time, end_time, latest_time, update_time, version, id_time, id_seq, snapshot)
        VALUES (@id, @dedupe_md5, @bk_biz_id, @strategy_id, @status, @severity, @begin_time, @end_time, @latest_time, @update_time, @version, @id_time, @id_seq, {snapshot})
        ON CONFLICT (id) DO UPDATE SET
            dedupe_md5 = excluded.dedupe_md5, bk_biz_id = excluded.bk_biz_id, strategy_id = excluded.strategy_id,
            status = excluded.status, severity = excluded.severity, begin_time = excluded.begin_time,
            end_time = excluded.end_time, latest_time = excluded.latest_time, update_time = excluded.update_time,
            version = excluded.version, snapshot = excluded.snapshot
        WHERE excluded.version > {target}.version
        """;

    /// <summary>Adds the row's parameters for <see cref="Upsert"/>.</summary>
    public static void Bind(AlertSnapshot alert, Action<string, object?> add)
    {
        add("id", alert.Id);
        add("dedupe_md5", alert.DedupeMd5);
        add("bk_biz_id", alert.BkBizId);
        add("strategy_id", alert.StrategyId);
        add("status", StatusName(alert.Status));
        add("severity", alert.Severity);
        add("begin_time", alert.BeginTime);
        add("end_time", alert.EndTime);
        add("latest_time", alert.LatestTime);
        add("update_time", alert.UpdateTime);
        add("version", alert.Version);
        add("id_time", AlertIdOrder.CreateTime(alert.Id));
        add("id_seq", AlertIdOrder.Sequence(alert.Id));
        add("snapshot", JsonSerializer.Serialize(alert, Json));
    }

    /// <summary>
    /// The WHERE clause (empty when nothing filters) of <paramref name="query"/>, adding its parameters. An alert
    /// matches the time range when it began before its end and had not ended before its start.
    /// </summary>
    public static string Where(AlertQuery query, Action<string, object?> add)
    {
        var where = new StringBuilder();
        void And(string condition, string name, object value)
        {
            where.Append(where.Length == 0 ? " WHERE " : " AND ").Append(condition);
            add(name, value);
        }
        if (query.BkBizId is { } biz) And("bk_biz_id = @q_biz", "q_biz", biz);
        if (query.Status is { } status) And("status = @q_status", "q_status", StatusName(status));
        if (query.StrategyId is { } strategy) And("strategy_id = @q_strategy", "q_strategy", strategy);
        if (query.EndTime is { } end) And("begin_time <= @q_end", "q_end", end);
        if (query.StartTime is { } start) And("(end_time IS NULL OR end_time >= @q_start)", "q_start", start);
        return where.ToString();
    }

    /// <summary>The page's LIMIT/OFFSET parameters.</summary>
    public static void BindPage(AlertQuery query, Action<string, object?> add)
    {
        add("q_limit", (long)query.PageSize);
        add("q_offset", (long)(query.Page - 1) * query.PageSize);
    }

    public static AlertSnapshot Read(string json) =>
        JsonSerializer.Deserialize<AlertSnapshot>(json, Json) ?? throw new InvalidDataException("alert index row holds a null snapshot");

    private static string StatusName(AlertStatus status) => status switch
    {
        AlertStatus.Abnormal => "ABNORMAL",
        AlertStatus.Recovered => "RECOVERED",
        AlertStatus.Closed => "CLOSED",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "unknown alert status"),
    };
}
