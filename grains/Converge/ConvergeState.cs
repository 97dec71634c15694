using System.Text.Json.Serialization;

namespace BkMonitor.Grains.Converge;

/// <summary>
/// Converge bookkeeping of one scope (bk-monitor keys its converge index by strategy id, so one
/// state per strategy): recently seen action instances with their dimension values, and converge
/// records. Plain data so a grain can persist it; prune it regularly.
/// </summary>
public sealed class ConvergeState
{
    [JsonPropertyName("next_converge_id")]
    public long NextConvergeId { get; set; } = 1;

    [JsonPropertyName("members")]
    public List<ConvergeMember> Members { get; set; } = [];

    [JsonPropertyName("records")]
    public List<ConvergeRecord> Records { get; set; } = [];

    public ConvergeMember? FindMember(long id)
    {
        foreach (var m in Members)
        {
            if (m.Id == id) return m;
        }
        return null;
    }

    public ConvergeRecord? FindRecord(long id)
    {
        foreach (var r in Records)
        {
            if (r.Id == id) return r;
        }
        return null;
    }

    internal ConvergeRecord? FindOpenRecord(string dimensionKey)
    {
        foreach (var r in Records)
        {
            if (r.EndTime is null && r.DimensionKey == dimensionKey) return r;
        }
        return null;
    }

    /// <summary>Records the latest status of an action (its result decides later converge functions).</summary>
    public bool UpdateStatus(long actionId, string status)
    {
        var member = FindMember(actionId);
        if (member is null) return false;
        member.Status = status;
        return true;
    }

    /// <summary>Forgets instances and records created before <paramref name="olderThan"/> (epoch seconds).</summary>
    public void Prune(long olderThan)
    {
        Members.RemoveAll(m => m.CreateTime < olderThan);
        Records.RemoveAll(r => r.CreateTime < olderThan);
    }

    internal ConvergeMember Register(ConvergeSubject subject)
    {
        var member = FindMember(subject.Id);
        if (member is null)
        {
            member = new ConvergeMember
            {
                Id = subject.Id,
                CreateTime = subject.CreateTime,
                Values = new Dictionary<string, string>(subject.Context.Values, StringComparer.Ordinal),
            };
            Members.Add(member);
        }
        member.Status = subject.Status;
        return member;
    }

    internal ConvergeRecord OpenRecord(string dimensionKey, string convergeFunc, string description, long now)
    {
        var record = new ConvergeRecord
        {
            Id = NextConvergeId++,
            DimensionKey = dimensionKey,
            ConvergeFunc = convergeFunc,
            Description = description,
            CreateTime = now,
        };
        Records.Add(record);
        return record;
    }
}

/// <summary>An action instance seen by converge.</summary>
public sealed class ConvergeMember
{
    [JsonPropertyName("id")]
    public long Id { get; set; }

    [JsonPropertyName("create_time")]
    public long CreateTime { get; set; }

    [JsonPropertyName("status")]
    public string Status { get; set; } = "";

    /// <summary>Converge dimension → value.</summary>
    [JsonPropertyName("values")]
    public Dictionary<string, string> Values { get; set; } = [];

    /// <summary>The converge record this instance is related to (at most one, the first).</summary>
    [JsonPropertyName("converge_id")]
    public long? ConvergeId { get; set; }

    /// <summary>Relation status: true "executed" (counts toward the converge), false "skipped".</summary>
    [JsonPropertyName("executed")]
    public bool Executed { get; set; }
}

/// <summary>A converge record (bk-monitor's ConvergeInstance): instances that converged together.</summary>
public sealed class ConvergeRecord
{
    [JsonPropertyName("id")]
    public long Id { get; set; }

    /// <summary>Hash of the converge function and resolved conditions; one open record per key.</summary>
    [JsonPropertyName("dimension_key")]
    public string DimensionKey { get; set; } = "";

    [JsonPropertyName("converge_func")]
    public string ConvergeFunc { get; set; } = "";

    [JsonPropertyName("description")]
    public string Description { get; set; } = "";

    [JsonPropertyName("create_time")]
    public long CreateTime { get; set; }

    [JsonPropertyName("end_time")]
    public long? EndTime { get; set; }
}
