namespace BkMonitor.Runtime;

/// <summary>Identity of a stream: a namespace (the stage, e.g. <c>alert_event</c>) and a key.</summary>
public readonly record struct StreamId
{
    public StreamId(string @namespace, string key)
    {
        ArgumentException.ThrowIfNullOrEmpty(@namespace);
        ArgumentNullException.ThrowIfNull(key);
        Namespace = @namespace;
        Key = key;
    }

    public string Namespace { get; }

    public string Key { get; }

    public static StreamId Create(string @namespace, string key) => new(@namespace, key);

    public static StreamId Create(string @namespace, long key) => new(@namespace, key.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public override string ToString() => $"{Namespace}/{Key}";
}

/// <summary>Position of an event in its stream; consumers use it to drop redelivered duplicates.</summary>
public sealed record StreamSequenceToken(long SequenceNumber, int EventIndex) : IComparable<StreamSequenceToken>
{
    public int CompareTo(StreamSequenceToken? other)
    {
        if (other is null) return 1;
        var c = SequenceNumber.CompareTo(other.SequenceNumber);
        return c != 0 ? c : EventIndex.CompareTo(other.EventIndex);
    }

    public bool Newer(StreamSequenceToken? other) => CompareTo(other) > 0;

    public static bool operator <(StreamSequenceToken? a, StreamSequenceToken? b) => a is null ? b is not null : a.CompareTo(b) < 0;

    public static bool operator >(StreamSequenceToken? a, StreamSequenceToken? b) => a is not null && a.CompareTo(b) > 0;

    public static bool operator <=(StreamSequenceToken? a, StreamSequenceToken? b) => !(a > b);

    public static bool operator >=(StreamSequenceToken? a, StreamSequenceToken? b) => !(a < b);
}
